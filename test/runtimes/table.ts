import { stripe } from '@hookgate/core'
import { secret as appSecret, maxBodyBytes } from './fixtures/secret.js'

/**
 * The end-to-end table every runtime passes: signed Stripe deliveries sent in order to one app (a receiver on
 * `stripe({ secret, maxBodyBytes })`, see fixtures/app.ts), each row with the answer the receiver's outcome
 * table gives it. Over HTTP (`overHttp(baseUrl)`) or any `send` (Miniflare's `dispatchFetch`).
 */

/** What a row sends; `path` is joined to the base URL. */
export interface Delivery {
  path: string
  method: 'POST'
  headers: Record<string, string>
  body: string | Uint8Array | ReadableStream<Uint8Array>
}

export type Send = (delivery: Delivery) => Promise<Response>

export interface Row {
  name: string
  expected: { status: number; code: string }
  status: number
  /** The `code` of the JSON body, or the body's first 200 characters when it is not one. */
  code: string
  passed: boolean
}

export interface TableOptions {
  /** @default the secret of fixtures/secret.ts, which the shared app verifies with */
  secret?: string
  /** Where the app mounts the receiver. @default '/webhooks/stripe' */
  path?: string
}

/** A delivery as `fetch` init: a stream body needs half duplex, and is sent chunked, without Content-Length. */
export function requestInit({ method, headers, body }: Delivery): RequestInit {
  return {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit
}

/** `send` over real HTTP to `baseUrl` (`http://127.0.0.1:PORT`), bounded by `timeout` ms a request. */
export function overHttp(baseUrl: string, timeout = 10_000): Send {
  return (delivery) =>
    fetch(new URL(delivery.path, baseUrl), { ...requestInit(delivery), signal: AbortSignal.timeout(timeout) })
}

interface Case {
  name: string
  expected: Row['expected']
  /** Builds the delivery just before it is sent, so every timestamp is fresh (or stale by design). */
  delivery(sign: Signer): Promise<Omit<Delivery, 'path' | 'method'>>
}

type Signer = (
  body: string | Uint8Array,
  options?: { secret?: string; timestamp?: number },
) => Promise<Omit<Delivery, 'path' | 'method'>>

const event = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'invoice.paid', data: { object: { amount: 4200 } }, ...extra })

const runId = () => `evt_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`

/** The rows, in the order they are sent: the duplicate relies on the valid delivery before it. */
function cases(run: string): Case[] {
  const valid = event(`${run}_valid`)
  return [
    { name: 'valid delivery', expected: { status: 202, code: 'accepted' }, delivery: (sign) => sign(valid) },
    { name: 'the same again', expected: { status: 200, code: 'duplicate' }, delivery: (sign) => sign(valid) },
    {
      name: 'forged (other secret)',
      expected: { status: 401, code: 'invalid_signature' },
      delivery: (sign) => sign(event(`${run}_forged`), { secret: 'whsec_not_the_endpoints' }),
    },
    {
      name: 'stale (signed 10 min ago)',
      expected: { status: 401, code: 'timestamp_too_old' },
      delivery: (sign) => sign(event(`${run}_stale`), { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    },
    {
      name: 'oversized (1 byte over maxBodyBytes)',
      expected: { status: 413, code: 'payload_too_large' },
      delivery: (sign) => sign(oversized(`${run}_big`)),
    },
    {
      name: 'signed, not JSON',
      expected: { status: 400, code: 'malformed_payload' },
      delivery: (sign) => sign('this is not json'),
    },
    {
      name: 'multibyte UTF-8 (emoji)',
      expected: { status: 202, code: 'accepted' },
      delivery: (sign) => sign(event(`${run}_emoji`, { note: 'paid 🎉 in ¥, 日本語, 👩🏽‍💻' })),
    },
    {
      name: 'not valid UTF-8 (signed on its bytes)',
      // The signature holds on the bytes; only parsing refuses them, never a 401.
      expected: { status: 202, code: 'accepted' },
      delivery: (sign) => sign(invalidUtf8(`${run}_latin1`)),
    },
    {
      name: 'stream body, no Content-Length',
      expected: { status: 202, code: 'accepted' },
      delivery: async (sign) => {
        const signed = await sign(event(`${run}_stream`))
        return { ...signed, body: streamOf(signed.body) }
      },
    },
  ]
}

/** A Stripe event of exactly `maxBodyBytes + 1` bytes. */
function oversized(id: string): string {
  const bare = event(id, { pad: '' })
  return event(id, { pad: 'x'.repeat(maxBodyBytes + 1 - bare.length) })
}

/** A Stripe event with a 0xFF byte in a string, a byte no UTF-8 text holds. */
function invalidUtf8(id: string): Uint8Array {
  const [before = '', after = ''] = event(id, { note: '|' }).split('|')
  const encoder = new TextEncoder()
  return new Uint8Array([...encoder.encode(before), 0xff, ...encoder.encode(after)])
}

/** The body in two chunks, so the receiver reads a stream of unknown length. */
function streamOf(body: string | Uint8Array | ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : (body as Uint8Array)
  const middle = Math.floor(bytes.length / 2)
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, middle))
      controller.enqueue(bytes.slice(middle))
      controller.close()
    },
  })
}

/** Sends every row in order and returns what each got; throws only when a request itself fails. */
export async function runDeliveryTable(target: string | Send, options: TableOptions = {}): Promise<Row[]> {
  const send = typeof target === 'string' ? overHttp(target) : target
  const path = options.path ?? '/webhooks/stripe'
  const sign: Signer = async (body, { secret = options.secret ?? appSecret, timestamp } = {}) => {
    const signed = await stripe({ secret }).sign({ body, ...(timestamp === undefined ? {} : { timestamp }) })
    return { headers: signed.headers, body: signed.body }
  }
  const rows: Row[] = []
  for (const row of cases(runId())) {
    const response = await send({ path, method: 'POST', ...(await row.delivery(sign)) })
    const text = await response.text()
    const code = codeOf(text)
    const passed = response.status === row.expected.status && code === row.expected.code
    rows.push({ name: row.name, expected: row.expected, status: response.status, code, passed })
  }
  return rows
}

function codeOf(text: string): string {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code
    if (typeof code === 'string') return code
  } catch {
    // Not JSON: the text itself says what answered.
  }
  return text.slice(0, 200)
}

/** Throws, with the whole table, unless every row passed. */
export function assertTable(rows: readonly Row[], runtime: string): void {
  if (rows.length > 0 && rows.every((row) => row.passed)) return
  throw new Error(`the delivery table failed on ${runtime}:\n${formatTable(rows)}`)
}

/** The rows as aligned text: `ok`/`FAIL`, the row, what it expected, what it got. */
export function formatTable(rows: readonly Row[]): string {
  const width = Math.max(...rows.map((row) => row.name.length))
  return rows
    .map(
      (row) =>
        `${row.passed ? 'ok  ' : 'FAIL'}  ${row.name.padEnd(width)}  expected ${row.expected.status} ${row.expected.code}, got ${row.status} ${row.code}`,
    )
    .join('\n')
}
