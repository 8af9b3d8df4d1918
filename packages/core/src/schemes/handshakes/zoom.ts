import { createHmacKey, utf8 } from '../../crypto/backend.js'
import { readRawBody } from '../body.js'
import { defineProvider } from '../engine.js'
import { malformedPayload } from '../failures.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { jsonReply, methodOf } from './replies.js'

export interface ZoomOptions extends CommonProviderOptions {
  /** The app's shared secret, which Zoom calls the Secret Token (App Marketplace > your app > Feature). */
  secret: Keys<string>
}

const validation = 'endpoint.url_validation'
/** A url_validation body is about 150 bytes; no larger body is looked at before verification. */
const validationMaxBytes = 1024

/**
 * Zoom: `x-zm-signature: v0=<hex>`, HMAC-SHA256 of `v0:{x-zm-request-timestamp}:{body}` with the Secret
 * Token, fresh within `tolerance` both ways (Zoom's own library checks no time at all).
 *
 * `endpoint.url_validation` (sent when the URL is saved, then every 72 hours) is signed like any event; it
 * is verified, then answered 200 `{"plainToken", "encryptedToken"}` with `encryptedToken` the hex
 * HMAC-SHA256 of `plainToken` with the first `secret`, and never reaches handlers. It is answered as a
 * handshake, not by `reply()`: that HMAC is asynchronous on Web Crypto, and `reply()` is not.
 *
 * `type` is the payload's `event` (`meeting.started`). Zoom sends no event id; `id` is
 * `<event>:<event_ts>:<payload.object.uuid or id>`: a retry resends the same event with the same
 * `event_ts` (ms) for the same object. Zoom retries three times, after 5, 20 and 60 minutes: the dedup
 * window defaults to 90 minutes.
 */
export function zoom(options: ZoomOptions): Provider {
  return resolvingKeys(options, zoomWith, { secret: placeholderSecret })
}

/** `zoom` with fixed keys. */
function zoomWith(options: StaticKeys<ZoomOptions>): Provider {
  const secrets = toList(options.secret, 'zoom: secret')
  const provider = defineProvider(
    hmacDefinition({
      name: 'zoom',
      retryHorizon: '90m',
      secrets,
      algorithm: 'sha256',
      encoding: 'hex',
      header: 'x-zm-signature',
      format: prefixedFormat('v0='),
      signedContent: 'v0:{timestamp}:{body}',
      timestampHeader: 'x-zm-request-timestamp',
      parse(verified) {
        const payload = parseJson(verified.raw, 'zoom')
        return { payload, id: zoomId(payload), type: stringField(payload, 'event') ?? untypedEventType }
      },
    }),
    options,
  )
  const key = createHmacKey('sha256', secrets[0]!)
  return {
    ...provider,
    async handshake(request) {
      if (methodOf(request) !== 'POST' || !mayBeValidation(request.body, provider.maxBodyBytes))
        return undefined
      const payload = provider.parse(await provider.verify(request)).payload
      if (stringField(payload, 'event') !== validation) return undefined
      const plainToken = stringField((payload as { payload?: unknown }).payload, 'plainToken')
      if (!plainToken)
        throw malformedPayload('zoom', 'is an endpoint.url_validation without payload.plainToken')
      return jsonReply({ plainToken, encryptedToken: await key.sign([plainToken], 'hex') })
    },
  }
}

/** A cheap look, before any hashing, at whether the body could be a url_validation at all. */
function mayBeValidation(body: unknown, maxBodyBytes: number): boolean {
  try {
    const raw = readRawBody(body, Math.min(maxBodyBytes, validationMaxBytes))
    return utf8(raw).includes(validation)
  } catch {
    // Too large or not bytes: verify() refuses it with the right code.
    return false
  }
}

function zoomId(payload: unknown): string | undefined {
  const event = stringField(payload, 'event')
  const at = (payload as { event_ts?: unknown }).event_ts
  if (event === undefined || typeof at !== 'number') return undefined
  const object = (payload as { payload?: { object?: unknown } }).payload?.object
  const objectId = stringField(object, 'uuid') ?? String((object as { id?: unknown })?.id ?? '')
  return `${event}:${at}:${objectId}`
}
