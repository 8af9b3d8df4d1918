import { encode } from '../../crypto/backend.js'
import { defineProvider } from '../engine.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { toList } from '../verifiers.js'
import { type DeliveryField, deliveryFields, tokenDefinition } from './token-definition.js'

/**
 * A user name and the passwords it may come with: the credentials of HTTP Basic authentication. Either
 * may be a resolver of the request, for credentials per tenant.
 */
export interface BasicCredentials {
  /** Must not contain `:` (RFC 7617). An array while renaming: any one may match, `sign` uses the first. */
  username: Keys<string>
  /** An array while rotating: any one may match, `sign` uses the first. */
  password: Keys<string>
}

/** Credentials `basicCredentials` accepts, for `resolvingKeys`' `placeholder`; they match nothing. */
export const placeholderCredentials = { username: 'placeholder', password: placeholderSecret }

export interface BasicAuthOptions extends CommonProviderOptions, BasicCredentials {
  /**
   * The provider's name (`Provider.name`): names the sender on events and namespaces its dedup keys.
   * @default 'basic-auth'
   */
  name?: string
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
 * Any sender that authenticates with HTTP Basic credentials (`https://user:pass@host/path` in its
 * settings): `Authorization: Basic <base64 of user:password>` must match, compared in constant time. Its
 * `retryHorizon` defaults to 3 days: set it to your sender's retry schedule.
 */
export function basicAuth(options: BasicAuthOptions): Provider {
  return resolvingKeys(options, basicAuthWith, placeholderCredentials)
}

/** `basicAuth` with fixed credentials. */
function basicAuthWith(options: StaticKeys<BasicAuthOptions>): Provider {
  const name = options.name ?? 'basic-auth'
  return defineProvider(
    tokenDefinition({
      name,
      retryHorizon: '3d',
      keyOptions: 'username and password',
      header: 'Authorization',
      scheme: 'Basic',
      credentials: basicCredentials(options, name),
      ...deliveryFields(options.id, options.type),
    }),
    options,
  )
}

/** Each user name with each password, as the base64 text of `user:password` a client sends. */
export function basicCredentials(options: StaticKeys<BasicCredentials>, name: string): string[] {
  const usernames = toList(options.username, `${name}: username`)
  if (usernames.some((username) => typeof username !== 'string' || username.includes(':')))
    throw new TypeError(`${name}: username is required and may not contain ':'`)
  const passwords = toList(options.password, `${name}: password`)
  return usernames.flatMap((username) =>
    passwords.map((password) => encode(new TextEncoder().encode(`${username}:${password}`), 'base64')),
  )
}
