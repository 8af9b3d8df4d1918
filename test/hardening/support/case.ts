// The shape of one hostile case, and the small request edits the cases are made of.
import type { Expectation } from './ledger.js'
import type { Delivery, ProviderName, Sender } from './providers.js'
import type { BodyStep, RawAnswer } from './raw-http.js'
import type { Target } from './targets.js'

/** What goes on the wire for one case. */
export interface Sent {
  headers: [string, string][]
  body?: BodyStep[]
  /** Bounds an endless body. */
  maxWrite?: number
}

export interface Case {
  name: string
  provider: ProviderName
  /** The request, made from a fresh valid delivery of `provider`. */
  request(delivery: Delivery, provider: Sender): Sent | Promise<Sent>
  expect: Expectation
  /** Checks beyond the answer: what the handler saw, how long the answer took. */
  check?(result: { answer: RawAnswer; target: Target; delivery: Delivery }): unknown
}

/** The campaign's servers: default body limit, a short body timeout so stalls cost little. */
export const campaignBodyTimeoutMs = 400

/** `headers` with `name` (any case) removed. */
export const without = (headers: readonly [string, string][], name: string): [string, string][] =>
  headers.filter(([n]) => n.toLowerCase() !== name)

/** `headers` with `name` (any case) set to `value`, in place of the original. */
export const replaced = (
  headers: readonly [string, string][],
  name: string,
  value: string,
): [string, string][] => [...without(headers, name), [name, value]]

/** The value of `name` in `headers`. */
export const headerValue = (headers: readonly [string, string][], name: string): string =>
  headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? ''

/** The delivery's headers with an honest Content-Length for `body`, and the body in one write. */
export function framed(headers: readonly [string, string][], body: Uint8Array): Sent {
  return {
    headers: [...without(headers, 'content-length'), ['content-length', String(body.length)]],
    body: [body],
  }
}

/** A header value made of UTF-8 bytes, as the raw client writes header text as latin1. */
export const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1')
