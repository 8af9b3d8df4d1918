// docs/frameworks/nestjs.md: its module on real NestJS 12 (Express platform), over a loopback socket,
// bootstrapped as the page says; then Nest's body parsing as it is without the page's settings.
import 'reflect-metadata'
import type { IncomingMessage } from 'node:http'
import { Controller, type INestApplication, Logger, Module, Post, Req } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, delivery, expectHandled, expectVerifies, loadPage } from './support/deliveries.js'

Logger.overrideLogger(false)
const {
  page: [{ bootstrap }, { AppModule }],
  log,
} = await loadPage(() => Promise.all([import('./nestjs/main.js'), import('./nestjs/app.module.js')]))

async function urlOf(app: INestApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1')
}

describe('the page’s app: rawBody: true, the JSON limit raised to the receiver’s', () => {
  let app: INestApplication
  let url: string
  beforeAll(async () => {
    app = await bootstrap(0)
    url = await urlOf(app)
  })
  afterAll(() => app.close())

  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies(fetch, `${url}/webhooks/stripe`, log)
  })

  it('verifies on the bytes Nest kept in req.rawBody: not valid UTF-8, 200 kB', async () => {
    for (const options of [{ invalidUtf8: true }, { size: 200_000 }]) {
      const sent = await delivery(`${url}/webhooks/stripe`, options)
      expect(await answer(await fetch(sent.request))).toEqual({ status: 202, code: 'accepted' })
      await expectHandled(log, sent.id)
    }
  })

  it('parses before hookgate verifies: a forged, malformed JSON body gets Nest’s own 400', async () => {
    const response = await fetch(`${url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: '{"id": ',
    })
    expect([response.status, (await response.json()).statusCode]).toEqual([400, 400])
  })

  it('reads a text/plain body, which Nest neither parses nor keeps, from the stream itself', async () => {
    const plain = await delivery(`${url}/webhooks/stripe`, { contentType: 'text/plain' })
    expect(await answer(await fetch(plain.request))).toEqual({ status: 202, code: 'accepted' })
    await expectHandled(log, plain.id)
  })
})

/** What Nest's body parsing leaves on the request: the page's claims, checked on Nest itself. */
@Controller('probe')
class ProbeController {
  @Post()
  probe(@Req() req: IncomingMessage & { rawBody?: Buffer }) {
    return { rawBody: req.rawBody?.length ?? null, streamRead: req.readableEnded }
  }
}

@Module({ imports: [AppModule], controllers: [ProbeController] })
class ProbedModule {}

async function started(options: { rawBody?: boolean }) {
  const app = await NestFactory.create(ProbedModule, options)
  await app.listen(0, '127.0.0.1')
  return { app, url: await urlOf(app) }
}

describe('pitfalls', () => {
  it('rawBody: true keeps no rawBody for text/plain (the stream is left unread)', async () => {
    const nest = await started({ rawBody: true })
    try {
      const plain = await delivery(`${nest.url}/probe`, { contentType: 'text/plain' })
      expect(await (await fetch(plain.request)).json()).toEqual({ rawBody: null, streamRead: false })
      const json = await delivery(`${nest.url}/probe`)
      expect(await (await fetch(json.request)).json()).toEqual({
        rawBody: expect.any(Number),
        streamRead: true,
      })
    } finally {
      await nest.app.close()
    }
  })

  it('refuses an event over its JSON parser’s 100 kB default itself: 413, before hookgate sees it', async () => {
    const nest = await started({ rawBody: true })
    try {
      const big = await delivery(`${nest.url}/webhooks/stripe`, { size: 200_000 })
      const response = await fetch(big.request)
      expect([response.status, (await response.json()).message]).toEqual([413, 'request entity too large'])
    } finally {
      await nest.app.close()
    }
  })

  it('without rawBody: true the JSON parser consumed the body: 500 raw_body_unavailable, never a 401', async () => {
    const nest = await started({})
    try {
      const sent = await delivery(`${nest.url}/webhooks/stripe`)
      expect(await answer(await fetch(sent.request))).toEqual({ status: 500, code: 'raw_body_unavailable' })
    } finally {
      await nest.app.close()
    }
  })
})
