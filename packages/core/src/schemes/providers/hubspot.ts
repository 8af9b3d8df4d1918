import { defineProvider, type ParsedDelivery, type ProviderDefinition } from '../engine.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { keyedDigestVerifier } from '../keyed-digest.js'
import { withLegacySignature } from '../legacy-signature.js'
import { parseJson, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { absoluteUrl } from '../signed-content.js'
import { hmacVerifier, toList } from '../verifiers.js'
import { fieldAt } from './fields.js'

export interface HubSpotOptions extends CommonProviderOptions {
  /** The app's client secret (developer account > Apps > your app > Auth). An array while rotating. */
  secret: Keys<string>
}

/**
 * HubSpot sends a JSON array of events, signed once as a whole: the receiver splits it into one event per
 * item (`Provider.split`), each deduplicated and handled on its own. The delivery itself is named after its
 * first item, which is all `verifyWebhook` (no receiver) sees.
 */
const shared = {
  name: 'hubspot',
  // HubSpot retries a failed notification up to 10 times over 24 hours.
  retryHorizon: '24h',
  keyOptions: 'secret',
  format: prefixedFormat(''),
  parse(verified): ParsedDelivery {
    const payload = parseJson(verified.raw, 'hubspot')
    return { ...hubspotItem(Array.isArray(payload) ? payload[0] : undefined), payload }
  },
  split: (payload) => (Array.isArray(payload) && payload.length > 0 ? payload.map(hubspotItem) : undefined),
} as const satisfies Partial<ProviderDefinition>

/** One event of a batch: its id is `eventId` (a number, as its text), its type `subscriptionType`. */
function hubspotItem(item: unknown): ParsedDelivery {
  return {
    payload: item,
    id: fieldAt(item, 'eventId'),
    type: fieldAt(item, 'subscriptionType') ?? untypedEventType,
  }
}

/**
 * HubSpot: v3 is `X-HubSpot-Signature-v3`, base64 HMAC-SHA256 of method, full URL, body and
 * `X-HubSpot-Request-Timestamp` (unix ms), fresh within `tolerance` (5 min, as HubSpot's SDK) both ways.
 * v1 and v2 (`X-HubSpot-Signature`, named by `X-HubSpot-Signature-Version`) are hex SHA-256 of the secret
 * followed by the body (v1) or by method, URL and body (v2): untimestamped, still verified for apps
 * HubSpot signs that way. `sign` writes v3. The URL is signed: `request.url` must be the absolute URL
 * HubSpot called.
 */
export function hubspot(options: HubSpotOptions): Provider {
  return resolvingKeys(options, hubspotWith, { secret: placeholderSecret })
}

/** `hubspot` with fixed keys. */
function hubspotWith(options: StaticKeys<HubSpotOptions>): Provider {
  const secrets = toList(options.secret, 'hubspot: secret')
  const v3: ProviderDefinition = {
    ...shared,
    signatureHeader: ['X-HubSpot-Signature-v3'],
    timestampHeader: ['X-HubSpot-Request-Timestamp'],
    timestampFormat: 'milliseconds',
    verifiers: new Map([['', hmacVerifier('sha256', 'base64', secrets)]]),
    signs: { timestamp: true, id: false },
    signedContent: (fields) => [[fields.method, absoluteUrl(fields.url), fields.body, fields.timestamp!]],
  }
  const legacy: ProviderDefinition = {
    ...shared,
    signatureHeader: ['X-HubSpot-Signature'],
    verifiers: new Map([['', keyedDigestVerifier('sha256', 'hex', secrets as readonly string[])]]),
    signs: { timestamp: false, id: false },
    signedContent: (fields) =>
      fields.headers['x-hubspot-signature-version'] === 'v2'
        ? [[fields.method, absoluteUrl(fields.url), fields.body]]
        : [[fields.body]],
  }
  return withLegacySignature(
    defineProvider(v3, options),
    'X-HubSpot-Signature-v3',
    defineProvider(legacy, options),
    'X-HubSpot-Signature',
  )
}
