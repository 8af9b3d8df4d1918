// The two whole-request readers the adapters share: a Web Request's body (Hono, fetch) and a Node
// request's (Node, Express, Hono on node-server), each refusing a body someone else already read.
import { PassThrough } from 'node:stream'
import {
  type BodyReadResult,
  type NodeIncoming,
  readNodeRequestBody,
  readWebRequestBody,
} from '@hookgate/core/adapter'
import { describe, expect, it } from 'vitest'

const limits = { maxBytes: 8, timeoutMs: 1000, consumedMessage: 'read it elsewhere' }
const text = (read: BodyReadResult) => (read.ok ? new TextDecoder().decode(read.body) : read.outcome.code)
const encoder = new TextEncoder()

/** A stream of `chunks`, counting how many the reader pulled. */
function counted(chunks: string[]) {
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stream.pulled++
      const next = chunks.shift()
      if (next === undefined) controller.close()
      else controller.enqueue(encoder.encode(next))
    },
  }) as ReadableStream<Uint8Array> & { pulled: number }
  stream.pulled = 0
  return stream
}

const webRequest = (body: ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}) => ({
  bodyUsed: false,
  body,
  headers: new Headers(headers),
})

describe('readWebRequestBody', () => {
  it('reads a stream with no Content-Length to its end', async () => {
    expect(text(await readWebRequestBody(webRequest(counted(['{"a"', ':1}'])), limits))).toBe('{"a":1}')
  })

  it('stops at the first chunk past the limit, leaving the rest unread', async () => {
    const stream = counted(['12345', '67890', 'never'])
    expect(text(await readWebRequestBody(webRequest(stream), limits))).toBe('payload_too_large')
    expect(stream.pulled).toBeLessThanOrEqual(3)
  })

  it('refuses a declared length or an encoding before reading a byte', async () => {
    const large = counted(['1'])
    const gzip = counted(['1'])
    const tooLarge = await readWebRequestBody(webRequest(large, { 'content-length': '9' }), limits)
    const encoded = await readWebRequestBody(webRequest(gzip, { 'content-encoding': 'gzip' }), limits)
    expect([text(tooLarge), text(encoded)]).toEqual(['payload_too_large', 'unsupported_encoding'])
    // ReadableStream pulls once to fill its queue on creation; the readers never asked for more.
    expect([large.pulled, gzip.pulled]).toEqual([1, 1])
  })

  it('reads no body as zero bytes', async () => {
    expect(text(await readWebRequestBody(webRequest(null), limits))).toBe('')
  })

  it('refuses a body already used with the given message', async () => {
    const request = new Request('http://x/', { method: 'POST', body: '{}' })
    await request.text()
    const read = await readWebRequestBody(request, limits)
    expect(read.ok ? undefined : JSON.parse(read.outcome.body)).toMatchObject({
      code: 'raw_body_unavailable',
      message: 'read it elsewhere',
    })
  })
})

/** A Node request over a PassThrough, with the fields the reader looks at. */
function incoming(headers: Record<string, string> = {}) {
  return Object.assign(new PassThrough(), { headers, rawHeaders: [] }) as unknown as NodeIncoming &
    PassThrough
}

describe('readNodeRequestBody', () => {
  it('reads the stream under the limits', async () => {
    const req = incoming()
    const read = readNodeRequestBody(req, limits)
    req.end('{"a":1}')
    expect(text(await read)).toBe('{"a":1}')
  })

  it('takes captured bytes over the stream, even a spent one', async () => {
    const req = incoming()
    req.resume()
    req.end('gone')
    await new Promise((resolve) => req.once('end', resolve))
    const read = await readNodeRequestBody(req, { ...limits, captured: encoder.encode('kept') })
    expect(text(read)).toBe('kept')
  })

  it('refuses a stream something else read, without the bytes kept', async () => {
    const req = incoming()
    req.end('{}')
    req.read()
    expect(text(await readNodeRequestBody(req, limits))).toBe('raw_body_unavailable')
  })

  it('refuses a declared length past the limit', async () => {
    const req = incoming({ 'content-length': '100' })
    const read = await readNodeRequestBody(req, limits)
    expect(text(read)).toBe('payload_too_large')
  })
})
