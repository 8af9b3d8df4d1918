import type { RawRequest } from '../../request.js'
import type { ProviderReply } from '../scheme.js'

/**
 * The answers handshakes give, and what they read from the request. Each sender checks its answer byte for
 * byte (a JSON challenge in text/plain fails Microsoft Graph's validation), so these write exactly what the
 * senders' docs name.
 */

/** The query of the request URL, decoded; a path alone is read against a placeholder origin. */
export function queryOf(request: RawRequest): URLSearchParams {
  const url = request.url ?? '/'
  const at = url.indexOf('?')
  return new URLSearchParams(at < 0 ? '' : url.slice(at + 1).split('#', 1)[0])
}

/** The request's method, upper case; POST when it names none. */
export const methodOf = (request: RawRequest) => request.method?.toUpperCase() ?? 'POST'

/** 200 with `body` as text/plain: the echo of a challenge. */
export function textReply(body: string, headers: Record<string, string> = {}): ProviderReply {
  return { status: 200, headers: { 'content-type': 'text/plain', ...headers }, body }
}

/** 200 with `value` as JSON, in UTF-8 (said, so no framework appends it and changes the header). */
export function jsonReply(value: unknown, headers: Record<string, string> = {}): ProviderReply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  }
}
