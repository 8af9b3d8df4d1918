import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { createReceiver, type Receiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/node'
import { bodyParser } from '@koa/bodyparser'
import Koa from 'koa'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  asRequest,
  describeDeliveryTable,
  invoice,
  sendTo,
  signStripe,
  stripeSecret,
} from '../../fetch/test/delivery-table.js'

/** `server` listening on a free loopback port: its webhook URL and how to stop it. */
async function listening(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A Koa app whose webhook route hands the Node request and response to the handler, as the docs say. */
function koaServer(receiver: Receiver, before?: Koa.Middleware): Server {
  const app = new Koa()
  if (before) app.use(before)
  const handler = hookgate(receiver)
  app.use(async (ctx) => {
    ctx.respond = false
    await handler(ctx.req, ctx.res)
  })
  return createServer(app.callback())
}

describeDeliveryTable('@hookgate/node on node:http', async (receiver) => {
  const server = await listening(createServer(hookgate(receiver)))
  return { send: sendTo(server.url), close: server.close }
})

describeDeliveryTable('@hookgate/node in Koa 3 (ctx.respond = false)', async (receiver) => {
  const server = await listening(koaServer(receiver))
  return { send: sendTo(server.url), close: server.close }
})

describe('@hookgate/node', () => {
  const closing: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((close) => close()))
  })
  function receiver() {
    const created = createReceiver({
      provider: stripe({ secret: stripeSecret }),
      logger: { info() {}, warn() {}, error() {} },
    })
    created.on('*', async () => {})
    closing.push(() => created.close())
    return created
  }
  async function serve(server: Server) {
    const listened = await listening(server)
    closing.push(listened.close)
    return listened
  }
  const json = async (res: { body: string }) => JSON.parse(res.body) as { code: string; message: string }

  it('behind @koa/bodyparser, refuses with raw_body_unavailable and the fix, never 401', async () => {
    // The parser keeps ctx.request.rawBody, but as decoded text: the stream is spent and the bytes are gone.
    const { url } = await serve(koaServer(receiver(), bodyParser()))
    const res = await sendTo(url)(asRequest(await signStripe(invoice('evt_koa_parsed'))))
    expect(res.status).toBe(500)
    const { code, message } = await json(res)
    expect(code).toBe('raw_body_unavailable')
    expect(message).toContain('before bodyParser()')
    expect(message).toContain('bodyParser: false')
  })

  /** A server that reads the body itself first and keeps it on req.rawBody, as NestJS does with rawBody: true. */
  function preReading(keep: (bytes: Buffer) => unknown, handler: ReturnType<typeof hookgate>): Server {
    return createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        // Not req.rawBody: @koa/bodyparser's types declare it a string on every IncomingMessage.
        ;(req as { rawBody?: unknown }).rawBody = keep(Buffer.concat(chunks))
        void handler(req, res)
      })
    })
  }

  it('verifies the bytes a framework kept on req.rawBody as a Buffer (NestJS rawBody: true)', async () => {
    const { url } = await serve(preReading((bytes) => bytes, hookgate(receiver())))
    const res = await sendTo(url)(asRequest(await signStripe(invoice('evt_nest'))))
    expect([res.status, (await json(res)).code]).toEqual([202, 'accepted'])
  })

  it('refuses a req.rawBody kept as a string: decoded text, not the bytes', async () => {
    const { url } = await serve(preReading((bytes) => bytes.toString('utf8'), hookgate(receiver())))
    const res = await sendTo(url)(asRequest(await signStripe(invoice('evt_string'))))
    expect([res.status, (await json(res)).code]).toEqual([500, 'raw_body_unavailable'])
  })

  it('takes the path as sent from originalUrl when a framework strips a mount point', async () => {
    const endpoint = receiver()
    const seen: (string | undefined)[] = []
    const receive = endpoint.receive.bind(endpoint)
    endpoint.receive = (request, options) => {
      seen.push(request.url)
      return receive(request, options)
    }
    const handler = hookgate(endpoint)
    const { port } = await serve(
      createServer((req: IncomingMessage & { originalUrl?: string }, res) => {
        req.originalUrl = req.url
        req.url = '/'
        void handler(req, res)
      }),
    )
    await sendTo(`http://127.0.0.1:${port}/mounted/hook?x=1`)({ body: '{}' })
    expect(seen).toEqual([`http://127.0.0.1:${port}/mounted/hook?x=1`])
  })

  it('survives a sender that hangs up mid-body: no crash, no unhandled rejection, still serving', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const endpoint = receiver()
      const received = vi.spyOn(endpoint, 'receive')
      const { port, url } = await serve(createServer(hookgate(endpoint)))
      await new Promise<void>((resolve) => {
        const socket = connect({ port, host: '127.0.0.1' }, () => {
          socket.write(
            'POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"id":"evt_',
            () => setTimeout(() => socket.destroy(), 50),
          )
        })
        socket.on('close', () => resolve())
      })
      // The handler saw the hang-up before the next request is answered: one event-loop turn or two.
      await new Promise((resolve) => setTimeout(resolve, 50))
      const res = await sendTo(url)(asRequest(await signStripe(invoice('evt_after'))))
      expect(res.status).toBe(202)
      expect(received).toHaveBeenCalledTimes(1)
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})
