// What every framework test sends (signed Stripe deliveries, as Stripe sends them) and what it checks: a
// valid one is answered 202 and runs the page's handler, a forged one is answered 401, never handled.
import { type Receiver, stripe } from '@hookgate/core'
import { afterAll, expect, vi } from 'vitest'

/** The secret the pages' receiver (test/frameworks/receiver.ts) verifies with, through STRIPE_WEBHOOK_SECRET. */
export const secret = 'whsec_hookgate_frameworks_test'

/**
 * Loads a page's modules as a deployment does, with STRIPE_WEBHOOK_SECRET set before the receiver module is
 * evaluated (a static import would evaluate it first); records what the handler logs, and closes the
 * receiver after the test file.
 */
export async function loadPage<T>(
  load: () => Promise<T>,
): Promise<{ page: T; log: HandlerLog; receiver: Receiver }> {
  const log = consoleLog()
  process.env.STRIPE_WEBHOOK_SECRET = secret
  const page = await load()
  const { receiver } = await import('../receiver.js')
  afterAll(() => receiver.close())
  return { page, log, receiver }
}

export interface DeliveryOptions {
  /** Signs with another secret than the endpoint's: a forgery. */
  forged?: boolean
  /** @default 'application/json' (what Stripe sends) */
  contentType?: string
  /** A byte no UTF-8 text holds (0xFF) in a string of the event: signed, and valid, on its bytes. */
  invalidUtf8?: boolean
  /** Padding that makes the event about this many bytes. */
  size?: number
}

export interface Delivery {
  /** The event id, which the handler logs once it ran. */
  id: string
  request: Request
}

let sequence = 0

/** A signed `invoice.paid` delivery to `url`, with multibyte UTF-8 in it (octokit/webhooks.js#1155). */
export async function delivery(url: string, options: DeliveryOptions = {}): Promise<Delivery> {
  const id = `evt_frameworks_${process.pid}_${++sequence}`
  const json = (pad: string) =>
    JSON.stringify({ id, type: 'invoice.paid', data: { object: { note: 'paid 🎉 ¥ 日本語|', pad } } })
  const text = json('x'.repeat(Math.max(0, (options.size ?? 0) - json('').length)))
  const encoded = new TextEncoder().encode(text)
  const bar = encoded.indexOf(0x7c)
  const body = options.invalidUtf8 ? encoded.map((byte, at) => (at === bar ? 0xff : byte)) : encoded
  const signed = await stripe({ secret: options.forged ? 'whsec_not_the_endpoints' : secret }).sign({ body })
  const headers = new Headers(signed.headers)
  headers.set('content-type', options.contentType ?? 'application/json')
  return { id, request: new Request(url, { method: 'POST', headers, body }) }
}

/** The JSON answer's status and `code`. */
export async function answer(response: Response): Promise<{ status: number; code: unknown }> {
  const text = await response.text()
  try {
    return { status: response.status, code: (JSON.parse(text) as { code?: unknown }).code }
  } catch {
    return { status: response.status, code: text.slice(0, 200) }
  }
}

/** The lines the handler logs (`handled invoice.paid <id>`), wherever they are printed. */
export interface HandlerLog {
  lines(): string
}

/** The handler's lines in this process: console.log, recorded (and kept off the test output). */
function consoleLog(): HandlerLog {
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '))
  })
  return { lines: () => lines.join('\n') }
}

/** Waits (5 s at most) until the page's handler logged that it handled `id`. */
export async function expectHandled(log: HandlerLog, id: string): Promise<void> {
  await vi.waitFor(() => expect(log.lines()).toContain(`handled invoice.paid ${id}`), {
    timeout: 5_000,
    interval: 20,
  })
}

/**
 * The check every page's code passes: a valid delivery is answered 202 and handled, a forged one 401 and
 * never handled. `send` delivers a request the way the framework gets it (over HTTP, or as the framework
 * calls the route module).
 */
export async function expectVerifies(
  send: (request: Request) => Promise<Response>,
  url: string,
  log: HandlerLog,
): Promise<void> {
  const valid = await delivery(url)
  expect(await answer(await send(valid.request))).toEqual({ status: 202, code: 'accepted' })
  await expectHandled(log, valid.id)

  const forged = await delivery(url, { forged: true })
  expect(await answer(await send(forged.request))).toEqual({ status: 401, code: 'invalid_signature' })
  expect(log.lines()).not.toContain(forged.id)
}
