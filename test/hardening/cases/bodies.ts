// Hostile bodies: too large (declared or not), lying about their length, compressed, empty, not UTF-8,
// BOM-prefixed, nested a million deep, with duplicate keys or numbers past 2^53.
import { deflateSync, gzipSync } from 'node:zlib'
import { expect, vi } from 'vitest'
import { type Case, framed, replaced, type Sent, without } from '../support/case.js'
import { providerNamed, signedDelivery } from '../support/providers.js'
import { chunk } from '../support/raw-http.js'
import type { Target } from '../support/targets.js'

/** The default `maxBodyBytes` every provider starts with. */
const limit = 1_048_576
const block = Buffer.alloc(64 * 1024, 'x')

/** A Stripe event body with `extra` spliced in (raw JSON text, so it can hold what JSON.stringify cannot). */
const stripeBody = (id: string, extra = '') => `{"id":"${id}","type":"invoice.paid"${extra}}`

/** The delivery re-signed over `body` by the real sender: a valid signature on a hostile body. */
async function signedOver(body: string | Uint8Array): Promise<Sent> {
  const delivery = await signedDelivery(providerNamed('stripe'), { body })
  return framed(delivery.headers, delivery.body)
}

/** The event the handler ran for with exactly this id (handlers run just after the 202). */
const handledEvent = (target: Target, id: string) =>
  vi.waitFor(() => {
    const event = target.handled.find((e) => e.id === id)
    if (event === undefined) throw new Error(`no handled event with id ${id}`)
    return event
  })

let bomb: Buffer | undefined
/** 64 MiB of zeros, gzipped to about 64 KiB: made once. */
const gzipBomb = () => (bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }))

export const bodyCases: Case[] = [
  {
    name: 'Content-Length above the limit, body never sent',
    provider: 'stripe',
    request: (d) => ({ headers: replaced(d.headers, 'content-length', String(limit * 8)), body: [d.body] }),
    expect: { reject: ['payload_too_large'] },
    check: ({ answer }) => expect(answer.ms).toBeLessThan(300),
  },
  {
    name: 'chunked body that never ends (no Content-Length): reading stops at the limit',
    provider: 'stripe',
    request: (d) => ({
      headers: [...without(d.headers, 'content-length'), ['transfer-encoding', 'chunked']],
      body: Array.from({ length: 1024 }, () => chunk(block)),
      maxWrite: limit * 64,
    }),
    expect: { reject: ['payload_too_large'] },
    // The answer comes while the client is held back by full socket buffers, not after 64 MiB were read.
    check: ({ answer }) => expect(answer.kind === 'response' && answer.written).toBeLessThan(limit * 8),
  },
  {
    name: 'honest Content-Length, body one byte over the limit, all sent',
    provider: 'stripe',
    request: (d) => framed(d.headers, Buffer.alloc(limit + 1, ' ')),
    expect: { reject: ['payload_too_large'] },
  },
  {
    name: 'Content-Length shorter than the body (the rest is a smuggled request)',
    provider: 'stripe',
    request: (d) => ({
      headers: replaced(d.headers, 'content-length', String(d.body.length - 10)),
      body: [d.body, 'POST /webhooks/test HTTP/1.1\r\n\r\n'],
    }),
    // The truncated body fails its signature, or Node refuses the bytes after it first: never accepted.
    expect: { reject: ['invalid_signature'], httpRefusal: [400] },
  },
  {
    name: 'body truncated to a short Content-Length',
    provider: 'stripe',
    request: (d) => framed(d.headers, d.body.subarray(0, d.body.length - 10)),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'Content-Length longer than the body (stalls)',
    provider: 'stripe',
    request: (d) => ({
      headers: replaced(d.headers, 'content-length', String(d.body.length + 100)),
      body: [d.body],
    }),
    expect: { reject: ['request_timeout'] },
  },
  {
    name: 'Content-Length and Transfer-Encoding both (request smuggling)',
    provider: 'stripe',
    request: (d) => ({
      headers: [...d.headers, ['content-length', '4'], ['transfer-encoding', 'chunked']],
      body: [chunk(d.body), chunk()],
    }),
    expect: { httpRefusal: [400] },
  },
  {
    name: 'two different Content-Length headers',
    provider: 'stripe',
    request: (d) => ({
      headers: [
        ...without(d.headers, 'content-length'),
        ['content-length', String(d.body.length)],
        ['content-length', '3'],
      ],
      body: [d.body],
    }),
    expect: { httpRefusal: [400] },
  },
  ...(['gzip', 'deflate', 'br', 'GZIP, identity'] as const).map(
    (encoding): Case => ({
      name: `Content-Encoding: ${encoding}, signed over the uncompressed body`,
      provider: 'stripe',
      request: (d) => {
        const sent = framed(d.headers, encoding === 'deflate' ? deflateSync(d.body) : gzipSync(d.body))
        sent.headers.push(['content-encoding', encoding])
        return sent
      },
      expect: { reject: ['unsupported_encoding'] },
    }),
  ),
  {
    name: 'gzip bomb: 64 MiB of zeros in 64 KiB',
    provider: 'stripe',
    request: (d) => {
      const sent = framed(d.headers, gzipBomb())
      sent.headers.push(['content-encoding', 'gzip'])
      return sent
    },
    expect: { reject: ['unsupported_encoding'] },
    check: ({ answer }) => expect(answer.ms).toBeLessThan(1000),
  },
  {
    name: 'Content-Encoding: identity is the same as none',
    provider: 'stripe',
    request: (d) => framed([...d.headers, ['content-encoding', 'identity']], d.body),
    expect: { accept: ['accepted'] },
  },
  {
    name: 'empty body, signed',
    provider: 'stripe',
    request: () => signedOver(''),
    expect: { reject: ['malformed_payload'] },
  },
  {
    name: 'empty body, unsigned (signature of another body)',
    provider: 'stripe',
    request: (d) => framed(d.headers, new Uint8Array(0)),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'invalid UTF-8 in the id, unsigned',
    provider: 'stripe',
    request: (d) =>
      framed(
        d.headers,
        Buffer.concat([d.body.subarray(0, 10), Buffer.from([0xff, 0xfe]), d.body.subarray(12)]),
      ),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'invalid UTF-8 in the id, signed (decoded with U+FFFD, as every SDK does)',
    provider: 'stripe',
    request: (d) =>
      signedOver(
        Buffer.concat([
          Buffer.from(`{"id":"${d.id}_`),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('","type":"invoice.paid"}'),
        ]),
      ),
    expect: { accept: ['accepted'] },
    check: ({ target, delivery }) => handledEvent(target, `${delivery.id}_\ufffd(\ufffd`),
  },
  {
    name: 'byte order mark before the JSON, signed (not JSON: refused, as JSON.parse does)',
    provider: 'stripe',
    request: (d) => signedOver(`\ufeff${stripeBody(d.id)}`),
    expect: { reject: ['malformed_payload'] },
  },
  {
    name: 'depth bomb (500 000 nested arrays), unsigned: refused before parsing',
    provider: 'stripe',
    request: (d) =>
      framed(d.headers, Buffer.from(stripeBody(d.id, `,"x":${'['.repeat(500_000)}${']'.repeat(500_000)}`))),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'depth bomb (500 000 nested arrays), signed: parsed without a stack overflow',
    provider: 'stripe',
    request: (d) => signedOver(stripeBody(d.id, `,"x":${'['.repeat(500_000)}${']'.repeat(500_000)}`)),
    expect: { accept: ['accepted'] },
  },
  {
    name: 'duplicate JSON keys, signed: the last one wins, as in JSON.parse',
    provider: 'stripe',
    request: (d) => signedOver(`{"id":"${d.id}_first","type":"invoice.paid","id":"${d.id}"}`),
    expect: { accept: ['accepted'] },
    check: ({ target, delivery }) => handledEvent(target, delivery.id),
  },
  {
    name: 'numbers beyond 2^53 next to ids sent as strings, signed',
    provider: 'stripe',
    request: () =>
      signedOver(
        stripeBody(
          'evt_9007199254740993',
          ',"data":{"amount":9007199254740993,"ref":"12345678901234567890"}',
        ),
      ),
    expect: { accept: ['accepted', 'duplicate'] },
    check: async ({ target }) => {
      const event = await handledEvent(target, 'evt_9007199254740993')
      expect((event.payload as { data: { ref: string } }).data.ref).toBe('12345678901234567890')
      // The exact digits stay in the signed bytes, for handlers that need them beyond 2^53.
      expect(Buffer.from(event.raw).toString()).toContain('"amount":9007199254740993')
    },
  },
  {
    name: 'Standard Webhooks id header of digits beyond 2^53 stays a string',
    provider: 'standard-webhooks',
    request: async (_d, provider) => {
      const delivery = await signedDelivery(provider, { id: '90071992547409931234' })
      return framed(delivery.headers, delivery.body)
    },
    expect: { accept: ['accepted', 'duplicate'] },
    check: ({ target }) => handledEvent(target, '90071992547409931234'),
  },
]
