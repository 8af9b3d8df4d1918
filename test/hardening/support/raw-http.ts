// A raw HTTP/1.1 client on node:net: it writes exactly the bytes a test gives it, so a request can lie about
// its Content-Length, repeat a header, stall, trickle or never finish, which no HTTP client allows.
import { connect } from 'node:net'

/** What came back: a parsed response, or how the connection ended without one. */
export type RawAnswer =
  | {
      kind: 'response'
      status: number
      headers: Record<string, string>
      body: string
      ms: number
      /** Body bytes the client had written when the answer was complete. */
      written: number
    }
  | { kind: 'closed' | 'reset' | 'timeout'; ms: number }

/** Body bytes to write, with optional pauses: `{ wait: 50 }` sleeps before the next write. */
export type BodyStep = string | Uint8Array | { wait: number }

export interface RawRequest {
  port: number
  /** Header lines in order and as spelled, duplicates allowed. Host and Connection: close are added. */
  headers: readonly (readonly [string, string])[]
  /** Written after the head, step by step. Encode chunked bodies yourself (see `chunked`). */
  body?: readonly BodyStep[]
  /** Stop writing the body once this many bytes went out (bounds "endless" bodies). Default unbounded. */
  maxWrite?: number
  /** Gives up waiting for an answer after this long. Default 5 s. */
  timeoutMs?: number
  path?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `data` as one chunk of a chunked body; `chunked()` alone is the last chunk. */
export function chunk(data?: string | Uint8Array): Buffer {
  if (data === undefined) return Buffer.from('0\r\n\r\n')
  const bytes = Buffer.from(data)
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])
}

/**
 * Sends one request on a fresh connection and resolves with the first complete response, or with how the
 * connection ended (closed, reset, or no answer within the timeout). Never rejects.
 */
export function rawRequest(request: RawRequest): Promise<RawAnswer> {
  const { port, headers, body = [], maxWrite = Number.POSITIVE_INFINITY, timeoutMs = 5000 } = request
  const started = performance.now()
  const elapsed = () => performance.now() - started
  return new Promise<RawAnswer>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    let received = Buffer.alloc(0)
    let settled = false
    let written = 0
    const finish = (answer: RawAnswer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(() => finish({ kind: 'timeout', ms: elapsed() }), timeoutMs)
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data])
      const response = parseResponse(received)
      if (response) finish({ kind: 'response', ...response, ms: elapsed(), written })
    })
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        kind: error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'closed',
        ms: elapsed(),
      }),
    )
    socket.on('close', () => finish({ kind: 'closed', ms: elapsed() }))
    socket.on('connect', async () => {
      const lines = [`POST ${request.path ?? '/webhooks/test'} HTTP/1.1`, `Host: 127.0.0.1:${port}`]
      for (const [name, value] of headers) lines.push(`${name}: ${value}`)
      lines.push('Connection: close', '', '')
      socket.write(Buffer.from(lines.join('\r\n'), 'latin1'))
      for (const step of body) {
        if (settled || written >= maxWrite) break
        if (typeof step === 'object' && 'wait' in step) await sleep(step.wait)
        else if (!socket.destroyed) {
          const bytes = Buffer.from(step)
          written += bytes.length
          // Wait for the kernel to take it, so an endless body is paced by the server reading it.
          await new Promise<void>((done) => socket.write(bytes, () => done()))
        }
      }
    })
  })
}

/** A complete response in `data`, or undefined while more is to come. */
function parseResponse(data: Buffer) {
  const headEnd = data.indexOf('\r\n\r\n')
  if (headEnd < 0) return undefined
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n')
  const status = Number(statusLine.split(' ')[1])
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const at = line.indexOf(':')
    const name = line.slice(0, at).trim().toLowerCase()
    const value = line.slice(at + 1).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  const rest = data.subarray(headEnd + 4)
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const body = readChunked(rest)
    return body === undefined ? undefined : { status, headers, body }
  }
  const length = Number(headers['content-length'] ?? 0)
  if (rest.length < length) return undefined
  return { status, headers, body: rest.subarray(0, length).toString('utf8') }
}

function readChunked(data: Buffer): string | undefined {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at)
    if (lineEnd < 0) return undefined
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16)
    if (size === 0) return Buffer.concat(parts).toString('utf8')
    if (data.length < lineEnd + 2 + size + 2) return undefined
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
}
