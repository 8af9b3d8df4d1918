// THE shared behavioural table: every case runs against all three adapters (supertest, fastify.inject,
// app.request) with a real createReceiver and real signatures from the providers' sign().
import {
  createReceiver,
  type IdempotencyStore,
  type Provider,
  type SignedRequest,
  type SignInput,
  StoreUnavailableError,
  slack,
  stripe,
  twilio,
} from '@hookgate/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type AnyAdapterOptions,
  type Client,
  drivers,
  PATH,
  type TestRequest,
  type TestResponse,
} from './drivers.js'

const stripeSecret = 'whsec_adapter_table'
const twilioToken = 'twilio-auth-token'
const slackSecret = 'slack-signing-secret'
const invoice = (id: string) => JSON.stringify({ id, type: 'invoice.paid', data: { object: { id: 'in_1' } } })
const now = () => Math.floor(Date.now() / 1000)

/** The store is down: every claim fails, so the receiver answers 503 with Retry-After. */
const downStore: IdempotencyStore = {
  claim: () => Promise.reject(new StoreUnavailableError('connection refused')),
  acquire: () => Promise.reject(new StoreUnavailableError('connection refused')),
  complete: () => Promise.reject(new StoreUnavailableError('connection refused')),
  release: () => Promise.reject(new StoreUnavailableError('connection refused')),
}

const silent = { info() {}, warn() {}, error() {} }

/** The signed request to send; `extra` headers (lower-case) replace signed ones of any case. */
function asRequest(signed: SignedRequest, extra: Record<string, string> = {}): TestRequest {
  const headers = Object.fromEntries(
    Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
  )
  return { headers: { ...headers, ...extra }, body: signed.body }
}

describe.each(drivers)('$name adapter with a real receiver', (driver) => {
  const receivers: { close(): Promise<void> }[] = []
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()))
  })

  /** A receiver for `provider`, mounted on PATH; `handled` lists the event ids its handler ran for. */
  async function mount(
    provider: Provider,
    options: AnyAdapterOptions = {},
    extra: Partial<Parameters<typeof createReceiver>[0]> = {},
  ) {
    const receiver = createReceiver({ provider, logger: silent, ...extra })
    receivers.push(receiver)
    const handled: (string | undefined)[] = []
    receiver.on('*', async (event) => {
      handled.push(event.id)
    })
    const client: Client = await driver.mount(receiver, options)
    return { client, handled }
  }

  const json = (res: TestResponse) => JSON.parse(res.body) as { code: string; message?: string }

  async function signedStripe(body: string, input: Partial<SignInput> = {}, secret = stripeSecret) {
    return stripe({ secret }).sign({ body, ...input })
  }

  it('valid delivery: 202 accepted, then the handler runs', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret }))
    const res = await client.send(asRequest(await signedStripe(invoice('evt_valid'))))
    expect(res.status).toBe(202)
    expect(json(res).code).toBe('accepted')
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    await vi.waitFor(() => expect(handled).toEqual(['evt_valid']))
  })

  it('forged signature: 401 invalid_signature, no handler', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret }))
    const res = await client.send(asRequest(await signedStripe(invoice('evt_forged'), {}, 'whsec_attacker')))
    expect(res.status).toBe(401)
    expect(json(res).code).toBe('invalid_signature')
    expect(handled).toEqual([])
  })

  it('stale timestamp: 401 timestamp_too_old, no handler', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret }))
    const res = await client.send(
      asRequest(await signedStripe(invoice('evt_stale'), { timestamp: now() - 3600 })),
    )
    expect(res.status).toBe(401)
    expect(json(res).code).toBe('timestamp_too_old')
    expect(handled).toEqual([])
  })

  it('malformed signature header: 400 malformed_header', async () => {
    const { client } = await mount(stripe({ secret: stripeSecret }))
    const signed = await signedStripe(invoice('evt_bad_header'))
    const res = await client.send(asRequest(signed, { 'stripe-signature': 'v1=abc' }))
    expect(res.status).toBe(400)
    expect(json(res).code).toBe('malformed_header')
  })

  it('malformed payload (signed, but not JSON): 400 malformed_payload', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret }))
    const res = await client.send(asRequest(await signedStripe('{not json')))
    expect(res.status).toBe(400)
    expect(json(res).code).toBe('malformed_payload')
    expect(handled).toEqual([])
  })

  it('too large, declared by Content-Length: 413 payload_too_large', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret, maxBodyBytes: 64 }))
    const res = await client.send(asRequest(await signedStripe(invoice('evt_large').padEnd(200, ' '))))
    expect(res.status).toBe(413)
    expect(json(res).code).toBe('payload_too_large')
    expect(handled).toEqual([])
  })

  it('too large, chunked without Content-Length: 413 payload_too_large', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret, maxBodyBytes: 64 }))
    const signed = await signedStripe(invoice('evt_chunked').padEnd(200, ' '))
    const body = String(signed.body)
    const res = await client.send({
      headers: signed.headers,
      chunks: [body.slice(0, 50), body.slice(50, 100), body.slice(100)],
    })
    expect(res.status).toBe(413)
    expect(json(res).code).toBe('payload_too_large')
    expect(handled).toEqual([])
  })

  it('duplicate: the same delivery again is 200 duplicate and the handler runs once', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret }))
    const request = asRequest(await signedStripe(invoice('evt_dup')))
    expect((await client.send(request)).status).toBe(202)
    await vi.waitFor(() => expect(handled).toEqual(['evt_dup']))
    const again = await client.send(request)
    expect(again.status).toBe(200)
    expect(json(again).code).toBe('duplicate')
    expect(handled).toEqual(['evt_dup'])
  })

  it('store down: 503 store_unavailable with the Retry-After header passed through', async () => {
    const { client, handled } = await mount(stripe({ secret: stripeSecret }), {}, { store: downStore })
    const res = await client.send(asRequest(await signedStripe(invoice('evt_503'))))
    expect(res.status).toBe(503)
    expect(json(res).code).toBe('store_unavailable')
    expect(res.headers['retry-after']).toMatch(/^\d+$/)
    expect(handled).toEqual([])
  })

  it.each(['GET', 'PUT', 'HEAD'])(
    'another method (%s): 405 method_not_allowed with Allow: POST',
    async (method) => {
      const { client, handled } = await mount(stripe({ secret: stripeSecret }))
      const res = await client.send({ method })
      expect(res.status).toBe(405)
      expect(res.headers.allow).toBe('POST')
      if (method !== 'HEAD') expect(json(res).code).toBe('method_not_allowed')
      expect(handled).toEqual([])
    },
  )

  it('form body (Slack slash command): verified on the exact form bytes', async () => {
    const { client, handled } = await mount(slack({ secret: slackSecret }))
    const body = 'command=%2Fdeploy&text=api+now&trigger_id=13345224609.738474920.8088930838d88f008e0'
    const signed = await slack({ secret: slackSecret }).sign({ body })
    const res = await client.send(asRequest(signed, { 'content-type': 'application/x-www-form-urlencoded' }))
    expect(res.status).toBe(202)
    await vi.waitFor(() => expect(handled).toEqual(['13345224609.738474920.8088930838d88f008e0']))
  })

  it('Slack url_verification: the challenge answer is written as the provider gave it', async () => {
    const { client, handled } = await mount(slack({ secret: slackSecret }))
    const body = JSON.stringify({ type: 'url_verification', challenge: 'ch4llenge', token: 't' })
    const signed = await slack({ secret: slackSecret }).sign({ body })
    const res = await client.send(asRequest(signed, { 'content-type': 'application/json' }))
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ challenge: 'ch4llenge' })
    expect(handled).toEqual([])
  })

  describe('Twilio, which signs the public URL', () => {
    const publicUrl = `https://hooks.example.com${PATH}?tenant=7`
    const form = 'AccountSid=AC1&From=%2B14155550100&MessageSid=SM1&MessageStatus=delivered&To=%2B14155550199'
    const behindProxy = {
      host: 'app.internal:8080',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'hooks.example.com',
    }

    async function sendTwilio(options: AnyAdapterOptions, headers: Record<string, string>) {
      const { client, handled } = await mount(twilio({ secret: twilioToken }), options)
      const signed = await twilio({ secret: twilioToken }).sign({ body: form, url: publicUrl })
      const res = await client.send({
        path: `${PATH}?tenant=7`,
        ...asRequest(signed, { 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      })
      return { res, handled }
    }

    it('verifies with the URL rebuilt from X-Forwarded-* when trustProxy is set', async () => {
      const { res, handled } = await sendTwilio({ trustProxy: true }, behindProxy)
      expect(res.status).toBe(202)
      await vi.waitFor(() => expect(handled).toHaveLength(1))
    })

    it('refuses the same request when trustProxy is off: the URL it sees is the internal one', async () => {
      const { res } = await sendTwilio({}, behindProxy)
      expect(res.status).toBe(401)
      expect(json(res).code).toBe('invalid_signature')
    })

    it('verifies with a configured publicUrl, whatever the forwarded headers say', async () => {
      const { res } = await sendTwilio(
        { publicUrl: 'https://hooks.example.com' },
        { host: 'app.internal:8080' },
      )
      expect(res.status).toBe(202)
    })

    it('verifies when the server is reached directly under its public host', async () => {
      const { res } = await sendTwilio({ publicUrl: (_request: unknown) => publicUrl }, { host: 'elsewhere' })
      expect(res.status).toBe(202)
    })
  })
})
