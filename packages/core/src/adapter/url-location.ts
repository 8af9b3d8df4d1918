import type { RequestLocation } from './public-url.js'

// scheme://authority, then the path and query exactly as the URL string has them.
const urlParts = /^([a-z][a-z\d+.-]*):\/\/([^/?#]*)(.*)$/is

/**
 * Where a request arrived, read from its absolute URL (a Web `Request`'s `url`), with `header` reading
 * its headers for the proxy options.
 */
export function urlLocation(
  url: string,
  header: (name: 'x-forwarded-proto' | 'x-forwarded-host') => string | undefined,
): RequestLocation {
  const [, protocol = 'http', host, path] = urlParts.exec(url) ?? []
  return { protocol, host: host || undefined, path: path || '/', header }
}
