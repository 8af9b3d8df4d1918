import { defineProvider } from '../engine.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { toList } from '../verifiers.js'
import { type DeliveryField, deliveryFields, tokenDefinition } from './token-definition.js'

export interface TokenOptions extends CommonProviderOptions {
  /**
   * The provider's name (`Provider.name`): names the sender on events and namespaces its dedup keys.
   * @default 'token'
   */
  name?: string
  /**
   * The header that carries the token. `Authorization` carries it as `Bearer <token>`; any other header
   * carries the token alone.
   * @default 'Authorization'
   */
  header?: string
  /**
   * The token the sender sends. An array while rotating: any one may match, `sign` uses the first. Or a
   * resolver of the request, for a token per tenant.
   */
  token: Keys<string>
  /**
   * The delivery id: a header name, or a function of the payload.
   * @default none: give the receiver a `key` function, or deliveries are refused as `missing_id`
   */
  id?: DeliveryField
  /**
   * The event type: a header name (then required) or a function.
   * @default the payload's `type` string, else `'webhook'`
   */
  type?: DeliveryField
}

/**
 * Any sender that authenticates with a static token, `Authorization: Bearer <token>` or a header of its
 * own, compared in constant time (Supabase database webhooks, Okta and Auth0 with the header you set).
 * Its `retryHorizon` defaults to 3 days: set it to your sender's retry schedule.
 */
export function token(options: TokenOptions): Provider {
  return resolvingKeys(options, tokenWith, { token: placeholderSecret })
}

/** `token` with a fixed token. */
function tokenWith(options: StaticKeys<TokenOptions>): Provider {
  const name = options.name ?? 'token'
  const header = options.header ?? 'Authorization'
  return defineProvider(
    tokenDefinition({
      name,
      retryHorizon: '3d',
      keyOptions: 'token',
      header,
      scheme: header.toLowerCase() === 'authorization' ? 'Bearer' : undefined,
      credentials: toList(options.token, `${name}: token`),
      ...deliveryFields(options.id, options.type),
    }),
    options,
  )
}
