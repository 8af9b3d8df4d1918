import type { Provider, SignedRequest } from '@hookgate/core'
import { msSince } from './elapsed.js'
import type { Delivery } from './plan.js'

/** What came back for one delivery. */
export interface DeliveryResult {
  seq: number
  id: string
  type: string | undefined
  copy: number
  /** The HTTP status; 0 when no response arrived. */
  status: number
  /**
   * The receiver's outcome code (`accepted`, `duplicate`, `invalid_signature`, ...) when the body names one;
   * `network_error` or `timeout` when nothing came back; `-` for a receiver that is not hookgate.
   */
  code: string
  /** Milliseconds from sending the request to reading the whole response. */
  ms: number
  /** The receiver's reason for a refusal, or why no response arrived. */
  message?: string
}

/** Signs a delivery at send time, the way the provider does, through the provider's own `sign()`. */
export function signDelivery(
  provider: Provider,
  url: string,
  delivery: Delivery,
  timestamp?: number,
): Promise<SignedRequest> {
  return provider.sign({ body: delivery.body, id: delivery.id, type: delivery.type, url, timestamp })
}

/** POSTs a signed request and reads the outcome; never throws, a failure is a result too. */
export async function post(
  fallbackUrl: string,
  signed: SignedRequest,
  delivery: Delivery,
  options: { timeoutMs: number },
): Promise<DeliveryResult> {
  const base = { seq: delivery.seq, id: delivery.id, type: delivery.type, copy: delivery.copy }
  const headers = new Headers(signed.headers)
  if (!headers.has('content-type')) headers.set('content-type', delivery.contentType)
  if (!headers.has('user-agent')) headers.set('user-agent', 'hookgate-cli')
  const started = performance.now()
  try {
    const response = await fetch(signed.url ?? fallbackUrl, {
      method: 'POST',
      headers,
      body: signed.body as BodyInit,
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    const outcome = readOutcome(await response.text())
    return { ...base, status: response.status, ...outcome, ms: msSince(started) }
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    return {
      ...base,
      status: 0,
      code: timedOut ? 'timeout' : 'network_error',
      ms: msSince(started),
      message: describe(error),
    }
  }
}

/** hookgate receivers answer `{ code, message? }`; anything else has no code to show. */
function readOutcome(body: string): { code: string; message?: string } {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown } | null
    if (typeof parsed?.code === 'string') {
      return typeof parsed.message === 'string'
        ? { code: parsed.code, message: parsed.message }
        : { code: parsed.code }
    }
  } catch {
    // Not JSON: not a hookgate receiver.
  }
  return { code: '-' }
}

/** fetch hides the reason (ECONNREFUSED, ...) in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause as { code?: string; message?: string } | undefined
  return cause?.code ?? cause?.message ?? error.message
}
