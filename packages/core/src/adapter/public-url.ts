/**
 * The URL a delivery was sent to, as the sender saw it. Twilio signs it; behind a proxy or a path-stripping
 * gateway the server sees another one, so every adapter resolves it here, the same way.
 */

/** Where a request arrived, as this server saw it. */
export interface RequestLocation {
  /** The connection's own scheme: `'https'` when TLS ended in this process, else `'http'`. */
  protocol: string
  /** The `Host` header (HTTP/2 `:authority`); absent on HTTP/1.0 requests that send none. */
  host: string | undefined
  /** Path and query exactly as in the request line. */
  path: string
  /** Reads one request header; consulted only when `trustProxy` is on. */
  header(name: 'x-forwarded-proto' | 'x-forwarded-host'): string | undefined
}

/** The options every adapter takes to learn its public URL. `R` is the framework's request (or context). */
export interface PublicUrlOptions<R> {
  /**
   * The public URL, when the request alone cannot tell it. A string is the public origin, optionally with a
   * path prefix that a proxy strips (`'https://api.example.com/v1'`): the request's path and query are
   * appended. A function returns the whole URL for a request.
   * @default built from the request
   */
  publicUrl?: string | ((request: R) => string)
  /**
   * Honour `X-Forwarded-Proto` and `X-Forwarded-Host` (their first value). Anyone can send these headers,
   * so turn this on only behind a proxy that overwrites them.
   * @default false
   */
  trustProxy?: boolean
}

/** The first entry of a comma-separated proxy header, or undefined when it is absent or empty. */
function firstValue(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim()
  return first || undefined
}

/**
 * The URL the sender called. Without a host (HTTP/1.0) it is the path alone, which every provider but
 * Twilio is content with.
 */
export function resolvePublicUrl<R>(
  request: R,
  location: RequestLocation,
  options: PublicUrlOptions<R>,
): string {
  const { publicUrl, trustProxy = false } = options
  if (typeof publicUrl === 'function') return publicUrl(request)
  if (publicUrl !== undefined) return publicUrl.replace(/\/+$/, '') + location.path
  const protocol = (trustProxy && firstValue(location.header('x-forwarded-proto'))) || location.protocol
  const host = (trustProxy && firstValue(location.header('x-forwarded-host'))) || location.host
  return host === undefined ? location.path : `${protocol}://${host}${location.path}`
}
