// The end-to-end table every handler of issue 14 passes with a real receiver and real signatures: the
// fetch handler (direct calls and a real socket) and the Node handler (node:http, Koa). Each mounts the
// receiver its own way and sends requests through a `Send`.
import { createReceiver, hmac, type Receiver, type SignedRequest, stripe } from '@hookgate/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

export interface TableRequest {
  method?: string
  headers?: Record<string, string>
  /** Sent with a Content-Length. */
  body?: string | Uint8Array
  /** Sent as a stream, without a Content-Length. */
  chunks?: readonly Uint8Array[]
}

export interface TableResponse {
  status: number
  body: string
}

export type Send = (request: TableRequest) => Promise<TableResponse>

/** Mounts `receiver` on a fresh server (or handler); resolves to how to send to it and how to stop it. */
export type Mount = (receiver: Receiver) => Promise<{ send: Send; close?: () => Promise<void> }>

export const stripeSecret = 'whsec_issue_14'
export const maxBodyBytes = 1024
const silent = { info() {}, warn() {}, error() {} }
const encoder = new TextEncoder()
const now = () => Math.floor(Date.now() / 1000)

export const invoice = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'invoice.paid', data: { object: { id: 'in_1', ...extra } } })

export const signStripe = (body: string, timestamp = now()) =>
  stripe({ secret: stripeSecret }).sign({ body, timestamp })

export const asRequest = (signed: SignedRequest): TableRequest => ({
  headers: signed.headers,
  body: signed.body,
})

/** `text` cut into `size`-byte chunks, to be sent as a stream. */
export function chunked(text: string | Uint8Array, size = 7): Uint8Array[] {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text
  const chunks: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size))
  return chunks
}

/** A stream of `chunks`, sent without a Content-Length. */
function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
}

/** `request` as a Web `Request` to `url`. */
export function requestOf({ method = 'POST', headers, body, chunks }: TableRequest, url: string): Request {
  const sent = chunks === undefined ? body : streamOf(chunks)
  return new Request(url, { method, headers, body: sent as BodyInit, duplex: 'half' } as RequestInit)
}

/** A `Send` to `url`: through `handler` when given, else over the network with `fetch`. */
export function sendTo(url: string, handler: (request: Request) => Promise<Response> = fetch): Send {
  return async (request) => {
    const res = await handler(requestOf(request, url))
    return { status: res.status, body: await res.text() }
  }
}

export function describeDeliveryTable(name: string, mount: Mount): void {
  describe(`${name}: the delivery table with a real receiver`, () => {
    const closing: (() => Promise<void>)[] = []
    afterEach(async () => {
      await Promise.all(closing.splice(0).map((close) => close()))
    })

    /** A Stripe receiver (or `provider`) mounted; `payloads` collects what its handler was given. */
    async function start(provider = stripe({ secret: stripeSecret, maxBodyBytes })) {
      const receiver = createReceiver({ provider, logger: silent })
      const payloads: unknown[] = []
      receiver.on('*', async (event) => {
        payloads.push(event.payload)
      })
      const { send, close } = await mount(receiver)
      closing.push(() => receiver.close())
      if (close) closing.push(close)
      return { send, payloads }
    }
    const codeOf = (res: TableResponse) => (JSON.parse(res.body) as { code: string }).code

    it('accepts a valid delivery (202), then answers its duplicate 200 duplicate', async () => {
      const { send, payloads } = await start()
      const delivery = asRequest(await signStripe(invoice('evt_valid')))
      const first = await send(delivery)
      expect([first.status, codeOf(first)]).toEqual([202, 'accepted'])
      const again = await send(delivery)
      expect([again.status, codeOf(again)]).toEqual([200, 'duplicate'])
      await vi.waitFor(() => expect(payloads).toHaveLength(1))
    })

    it('refuses a forged delivery (401)', async () => {
      const { send } = await start()
      const signed = await stripe({ secret: 'whsec_someone_else' }).sign({ body: invoice('evt_forged') })
      const res = await send(asRequest(signed))
      expect([res.status, codeOf(res)]).toEqual([401, 'invalid_signature'])
    })

    it('refuses a stale delivery (401)', async () => {
      const { send } = await start()
      const res = await send(asRequest(await signStripe(invoice('evt_stale'), now() - 3600)))
      expect([res.status, codeOf(res)]).toEqual([401, 'timestamp_too_old'])
    })

    it('refuses an oversized delivery (413)', async () => {
      const { send } = await start()
      const res = await send(asRequest(await signStripe(invoice('evt_big', { pad: 'x'.repeat(2048) }))))
      expect([res.status, codeOf(res)]).toEqual([413, 'payload_too_large'])
    })

    it('refuses a signed body that is not JSON (400)', async () => {
      const { send } = await start()
      const res = await send(asRequest(await signStripe('not json at all')))
      expect([res.status, codeOf(res)]).toEqual([400, 'malformed_payload'])
    })

    it('verifies a multibyte UTF-8 body, and the handler gets the emoji', async () => {
      const { send, payloads } = await start()
      const res = await send(asRequest(await signStripe(invoice('evt_emoji', { note: 'paid 🎉 ünï' }))))
      expect(res.status).toBe(202)
      await vi.waitFor(() => expect(payloads).toHaveLength(1))
      expect(payloads[0]).toMatchObject({ data: { object: { note: 'paid 🎉 ünï' } } })
    })

    it('verifies a body that is not valid UTF-8 byte for byte', async () => {
      // Decoded and re-encoded on the way, 0xff 0xfe would become U+FFFD twice and fail the signature.
      const provider = hmac({ secret: 'hmac-secret', header: 'x-signature', id: 'x-id' })
      const { send, payloads } = await start(provider)
      const body = new Uint8Array([...encoder.encode('field='), 0xff, 0xfe, ...encoder.encode('&b=1')])
      const signed = await provider.sign({ body, id: 'del_bytes' })
      const headers = { ...signed.headers, 'content-type': 'application/x-www-form-urlencoded' }
      const res = await send({ headers, body })
      expect([res.status, codeOf(res)]).toEqual([202, 'accepted'])
      await vi.waitFor(() => expect(payloads).toEqual([{ field: '\ufffd\ufffd', b: '1' }]))
    })

    it('reads a streamed body with no Content-Length', async () => {
      const { send } = await start()
      const signed = await signStripe(invoice('evt_streamed'))
      const res = await send({ headers: signed.headers, chunks: chunked(signed.body) })
      expect([res.status, codeOf(res)]).toEqual([202, 'accepted'])
    })

    it('refuses a streamed body once it grows past the limit (413)', async () => {
      const { send } = await start()
      const signed = await signStripe(invoice('evt_streamed_big', { pad: 'y'.repeat(4096) }))
      const res = await send({ headers: signed.headers, chunks: chunked(signed.body, 512) })
      expect([res.status, codeOf(res)]).toEqual([413, 'payload_too_large'])
    })

    it('answers a GET 405', async () => {
      const { send } = await start()
      const res = await send({ method: 'GET' })
      expect(res.status).toBe(405)
    })
  })
}
