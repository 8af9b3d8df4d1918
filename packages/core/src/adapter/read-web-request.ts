import type { BodyReadResult } from './body-read.js'
import { readBody } from './read-body.js'
import { consumedBody, type RequestBodyOptions } from './request-body.js'

/** The part of a Web `Request` its body is read from, typed structurally so any runtime's `Request` fits. */
export interface WebRequestBody {
  readonly bodyUsed: boolean
  readonly body: ReadableStream<Uint8Array> | null
  readonly headers: { get(name: string): string | null }
}

/** A web stream as async chunks, without relying on `ReadableStream`'s async iterator (not on every runtime). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
  }
}

/**
 * The exact bytes of a Web `Request`'s body, read once from its stream under the size limit and the body
 * timeout (never `request.arrayBuffer()`, which buffers any length), with or without a `Content-Length`.
 * A body already used is refused with `consumedMessage`, never guessed at.
 */
export function readWebRequestBody(
  request: WebRequestBody,
  { maxBytes, timeoutMs, consumedMessage }: RequestBodyOptions,
): Promise<BodyReadResult> {
  if (request.bodyUsed) return Promise.resolve(consumedBody(consumedMessage))
  if (request.body === null) return Promise.resolve({ ok: true, body: new Uint8Array(0) })
  return readBody(chunksOf(request.body), {
    maxBytes,
    timeoutMs,
    declaredLength: request.headers.get('content-length') ?? undefined,
    contentEncoding: request.headers.get('content-encoding') ?? undefined,
  })
}
