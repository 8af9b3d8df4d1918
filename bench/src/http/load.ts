/**
 * The load generator: a child process pinned to its own core, driven over IPC. Each request is a new
 * signed Standard Webhooks delivery (unique id, fresh signature), so hookgate's rows measure first
 * deliveries, never duplicates.
 *
 * Why not autocannon: a unique signed id per request needs its `setupRequest` hook, which rebuilds and
 * re-parses every request in JavaScript; on a 2-core machine that capped autocannon at about the bare
 * routes' own speed, so the bench would have measured the generator. This one writes prebuilt bytes
 * (fresh headers + the shared body) on keep-alive connections, one request in flight per connection, and
 * reads only the status line and framing of each response.
 */
import { connect, type Socket } from 'node:net'
import type { LoadRequest, LoadResult } from './protocol.js'
import { standardWebhooksHeaders } from './sign.js'

interface Tally {
  latenciesMs: number[]
  statusCodes: Record<string, number>
  errors: number
}

/** Bytes of one response, or -1 while incomplete. Handles Content-Length and chunked bodies. */
function responseLength(buffer: string): { length: number; status: string } | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n')
  if (headEnd < 0) return undefined
  const head = buffer.slice(0, headEnd).toLowerCase()
  const status = head.slice(9, 12)
  const bodyStart = headEnd + 4
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
    const end = buffer.indexOf('\r\n0\r\n\r\n', bodyStart - 2)
    return end < 0 ? undefined : { length: end + 7, status }
  }
  const match = /\r\ncontent-length:\s*(\d+)/.exec(head)
  const length = bodyStart + (match ? Number(match[1]) : 0)
  return buffer.length < length ? undefined : { length, status }
}

function requestHead(url: URL, body: string): Buffer {
  let head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`
  for (const [name, value] of Object.entries(standardWebhooksHeaders(body))) head += `${name}: ${value}\r\n`
  return Buffer.from(`${head}\r\n`, 'latin1')
}

/** One connection sending requests back to back until `deadline`, reconnecting if the server closes it. */
function drive(url: URL, body: Buffer, text: string, deadline: number, tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    let socket: Socket
    let received = ''
    let sentAt = 0
    let inFlight = false
    const send = () => {
      if (performance.now() >= deadline) {
        socket.end()
        resolve()
        return
      }
      sentAt = performance.now()
      inFlight = true
      socket.cork()
      socket.write(requestHead(url, text))
      socket.write(body)
      socket.uncork()
    }
    const open = () => {
      received = ''
      socket = connect(Number(url.port), url.hostname)
      socket.setNoDelay(true)
      socket.on('connect', send)
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1')
        const response = responseLength(received)
        if (!response) return
        received = received.slice(response.length)
        inFlight = false
        tally.latenciesMs.push(performance.now() - sentAt)
        tally.statusCodes[response.status] = (tally.statusCodes[response.status] ?? 0) + 1
        send()
      })
      socket.on('error', () => {
        tally.errors++
      })
      socket.on('close', () => {
        if (inFlight || performance.now() < deadline) {
          if (inFlight) tally.errors++
          inFlight = false
          if (performance.now() < deadline) open()
          else resolve()
        }
      })
    }
    open()
  })
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

export async function load(request: LoadRequest): Promise<LoadResult> {
  const url = new URL(request.url)
  const body = Buffer.from(request.body)
  const tally: Tally = { latenciesMs: [], statusCodes: {}, errors: 0 }
  const started = performance.now()
  const deadline = started + request.seconds * 1_000
  await Promise.all(
    Array.from({ length: request.connections }, () => drive(url, body, request.body, deadline, tally)),
  )
  const seconds = (performance.now() - started) / 1_000
  const sorted = tally.latenciesMs.sort((a, b) => a - b)
  const ok = Object.entries(tally.statusCodes).reduce(
    (n, [code, count]) => n + (code.startsWith('2') ? count : 0),
    0,
  )
  return {
    kind: 'loaded',
    requests: sorted.length,
    seconds,
    reqPerSec: sorted.length / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    non2xx: sorted.length - ok,
    errors: tally.errors,
    statusCodes: tally.statusCodes,
  }
}

process.on('message', (message: LoadRequest) => {
  load(message).then(
    (result) => process.send!(result),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
})
process.on('disconnect', () => process.exit(0))
