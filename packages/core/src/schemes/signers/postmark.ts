import { defineProvider } from '../engine.js'
import { resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { type BasicCredentials, basicCredentials, placeholderCredentials } from './basic-auth.js'
import { tokenDefinition } from './token-definition.js'

/**
 * The user name and password written in the webhook's URL, `https://<username>:<password>@host/path`
 * (either a resolver of the request, for credentials per tenant).
 */
export interface PostmarkOptions extends CommonProviderOptions, BasicCredentials {}

/**
 * Postmark: no signature; the webhook URL carries HTTP Basic credentials, sent as `Authorization: Basic`,
 * compared in constant time. `type` is the payload's `RecordType` (`Bounce`, `Delivery`, `Open`, `Click`,
 * `SpamComplaint`, `SubscriptionChange`; `Inbound` for inbound messages, which have none). Postmark sends
 * no event id: `id` is `RecordType:MessageID` with the event's own id or time (`ID` of a bounce,
 * `ReceivedAt` of an open or click, `DeliveredAt`, `BouncedAt`, `ChangedAt`), since one message has many
 * opens and clicks; a retry repeats the same body, so it gets the same id. Postmark retries 10 times over
 * about 10.5 hours: the dedup window defaults to 12 hours.
 */
export function postmark(options: PostmarkOptions): Provider {
  return resolvingKeys(options, postmarkWith, placeholderCredentials)
}

/** `postmark` with fixed credentials. */
function postmarkWith(options: StaticKeys<PostmarkOptions>): Provider {
  return defineProvider(
    tokenDefinition({
      name: 'postmark',
      retryHorizon: '12h',
      keyOptions: 'username and password',
      header: 'Authorization',
      scheme: 'Basic',
      credentials: basicCredentials(options, 'postmark'),
      id: ({ payload }) => postmarkId(payload),
      type: ({ payload }) => stringField(payload, 'RecordType') ?? 'Inbound',
    }),
    options,
  )
}

const eventFields = ['ID', 'ReceivedAt', 'DeliveredAt', 'BouncedAt', 'ChangedAt'] as const

function postmarkId(payload: unknown): string | undefined {
  const message = stringField(payload, 'MessageID')
  if (message === undefined) return undefined
  const record = stringField(payload, 'RecordType') ?? 'Inbound'
  const fields = payload as Record<string, unknown>
  const at = eventFields.map((field) => fields[field]).find((value) => value !== undefined)
  return at === undefined ? `${record}:${message}` : `${record}:${message}:${String(at)}`
}
