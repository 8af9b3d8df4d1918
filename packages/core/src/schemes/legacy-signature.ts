import { readHeaders } from '../request.js'
import type { Provider } from './scheme.js'

/**
 * A sender's current scheme with its older one beside it, chosen by the signature header a request
 * carries (HubSpot's `X-HubSpot-Signature-v3`, else its v1/v2 `X-HubSpot-Signature`). Both providers share
 * name and parse; `sign` and everything else are the current one's, and a request with neither header is
 * refused as the current scheme refuses it.
 */
export function withLegacySignature(
  current: Provider,
  currentHeader: string,
  legacy: Provider,
  legacyHeader: string,
): Provider {
  const currentKey = currentHeader.toLowerCase()
  const legacyKey = legacyHeader.toLowerCase()
  return {
    ...current,
    verify(request) {
      const headers = readHeaders(request.headers)
      return !headers[currentKey] && headers[legacyKey] ? legacy.verify(request) : current.verify(request)
    },
  }
}
