import { decode } from '../../crypto/backend.js'
import { WebhookVerificationError } from '../../errors.js'
import { toBytes } from '../../request.js'
import { type Keys, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { hmacVerifier, toList } from '../verifiers.js'
import { defineBodySigned, unreadableBody, unverifiedJson } from './body-signed.js'

export interface AdyenOptions extends CommonProviderOptions {
  /**
   * The webhook's HMAC key as the Customer Area shows it: hex (Developers > Webhooks > your webhook >
   * HMAC key). An array while rotating.
   */
  secret: Keys<string>
}

type Item = Record<string, unknown> & { additionalData?: Record<string, unknown> }

/**
 * Adyen standard webhooks: each `notificationItems[].NotificationRequestItem` carries its own
 * `additionalData.hmacSignature`, base64 HMAC-SHA256 (key: the hex HMAC key, decoded) of
 * `pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success`.
 * Every item must verify, or the delivery is refused (401). Nothing is timestamped for freshness.
 *
 * Each item becomes its own event, deduplicated on `pspReference:eventCode`, of type `eventCode`
 * (`AUTHORISATION`); its payload is the `NotificationRequestItem`. The answer is hookgate's JSON 2xx, not
 * the `[accepted]` body of Adyen's older integrations: Adyen's current docs ask for any 2xx. Adyen keeps
 * retrying a delivery it got no 2xx for, for up to 30 days: the dedup window defaults to 30 days.
 */
export function adyen(options: AdyenOptions): Provider {
  return resolvingKeys(options, adyenWith, { secret: '00'.repeat(32) })
}

/** `adyen` with fixed keys. */
function adyenWith(options: StaticKeys<AdyenOptions>): Provider {
  const keys = toList(options.secret, 'adyen: secret').map((key) => {
    const bytes = decode(key.toLowerCase(), 'hex')
    if (bytes === undefined)
      throw new TypeError('adyen: secret must be the HMAC key in hex, as the Customer Area shows it')
    return bytes
  })
  const verifier = hmacVerifier('sha256', 'base64', keys)
  return defineBodySigned(
    {
      name: 'adyen',
      retryHorizon: '30d',
      signsTimestamp: false,
      async authenticate({ raw }) {
        const payload = unverifiedJson(raw, 'adyen')
        const items = itemsOf(payload)
        if (items === undefined)
          throw unreadableBody('adyen', 'has no notificationItems[] of NotificationRequestItem')
        for (const item of items) {
          const signature = stringField(item.additionalData, 'hmacSignature')
          if (signature === undefined || !(await verifier.verify([[signedText(item)]], [signature])))
            throw new WebhookVerificationError(
              'invalid_signature',
              `The hmacSignature of item ${stringField(item, 'pspReference')} does not match with the configured secret: check it is this webhook's HMAC key.`,
            )
        }
        return payload
      },
      parse(verified, parsed) {
        return { payload: parsed ?? parseJson(verified.raw, 'adyen'), id: undefined, type: 'notification' }
      },
      split: (payload) =>
        itemsOf(payload)?.map((item) => ({
          payload: item,
          id: `${stringField(item, 'pspReference')}:${stringField(item, 'eventCode')}`,
          type: stringField(item, 'eventCode') ?? 'notification',
        })),
      async sign(input) {
        const payload = parseJson(toBytes(input.body), 'adyen') as { notificationItems?: unknown[] }
        for (const item of itemsOf(payload) ?? []) {
          const hmacSignature = await verifier.sign([signedText(item)])
          item.additionalData = { ...item.additionalData, hmacSignature }
        }
        return {
          url: input.url,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
        }
      },
    },
    options,
  )
}

function itemsOf(payload: unknown): Item[] | undefined {
  const list = (payload as { notificationItems?: unknown } | null)?.notificationItems
  if (!Array.isArray(list)) return undefined
  const items = list.map(
    (entry) => (entry as { NotificationRequestItem?: unknown } | null)?.NotificationRequestItem,
  )
  return items.every((item) => typeof item === 'object' && item !== null) ? (items as Item[]) : undefined
}

/** The fields Adyen signs, in its order, empty where absent; `success` and `value` as their text. */
function signedText(item: Item): string {
  const amount = (item.amount ?? {}) as Record<string, unknown>
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value))
  return [
    item.pspReference,
    item.originalReference,
    item.merchantAccountCode,
    item.merchantReference,
    amount.value,
    amount.currency,
    item.eventCode,
    item.success,
  ]
    .map(text)
    .join(':')
}
