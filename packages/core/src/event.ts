import type { HeaderMap } from './request.js'

/**
 * A verified delivery, normalized across providers. `payload` is the parsed body (validated by the
 * handler's schema when one was given); `raw` is the exact bytes that were signed.
 */
export interface WebhookEvent<TPayload = unknown, TType extends string = string> {
  /** The provider's delivery or event id: what dedup keys on. Absent only for senders that send none. */
  id: string | undefined
  /** The provider's event name, e.g. `invoice.paid`, `issues.opened`, `orders/create`. */
  type: TType
  /** When the sender signed it, where the provider signs a timestamp. */
  timestamp?: Date
  payload: TPayload
  raw: Uint8Array
  headers: HeaderMap
  /** The name of the provider that sent it (`Provider.name`): `stripe`, `github`, `standard-webhooks`, ... */
  providerName: string
  /** The request URL as the adapter gave it, where it had one (a tenant may be in its path). */
  url?: string
  /** The tenant the receiver's `tenant` option named (one secret per customer); it namespaces dedup keys. */
  tenant?: string
}
