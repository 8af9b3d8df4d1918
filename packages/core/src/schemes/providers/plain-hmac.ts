import type { Encoding, HashAlgorithm } from '../../crypto/backend.js'
import type { Duration } from '../../duration.js'
import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import type { Keys, StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { fieldAt, type JsonFields, parseJsonFields } from './fields.js'

/** Options of a sender whose only key is its shared secret. */
export interface SecretOptions extends CommonProviderOptions {
  /** The shared secret (its page in docs/providers says where the sender shows it). An array while rotating. */
  secret: Keys<string>
}

/** A sender that HMACs the raw body into one header, `<prefix><signature>`, and sends JSON. */
export interface PlainHmacConfig {
  name: string
  retryHorizon: Duration
  header: string
  /** @default '' */
  prefix?: string
  algorithm: HashAlgorithm
  encoding: Encoding
  idHeader?: readonly string[]
  typeHeader?: string
  fields: JsonFields
  /**
   * A payload field joined to the type header's value, as GitHub's `action` (Sentry's `issue.created`);
   * `sign({ type })` then writes the part before the dot in the header.
   */
  action?: string
}

/**
 * The most common webhook scheme, as a definition: no timestamp (dedup is the replay defence), the body
 * signed as received. Each sender of this shape is one call with its constants.
 */
export function plainHmac(config: PlainHmacConfig, options: StaticKeys<SecretOptions>): Provider {
  const { name, action } = config
  const parse = parseJsonFields(name, config.fields)
  const definition = hmacDefinition({
    ...config,
    secrets: toList(options.secret, `${name}: secret`),
    format: prefixedFormat(config.prefix ?? ''),
    signedContent: '{body}',
    parse,
  })
  if (action === undefined) return defineProvider(definition, options)
  return defineProvider(
    {
      ...definition,
      parse(verified) {
        const parsed = parse(verified)
        const value = fieldAt(parsed.payload, action)
        return value ? { ...parsed, type: `${parsed.type}.${value}` } : parsed
      },
      typeHeaderValue: (type) => type.split('.', 1)[0]!,
    },
    options,
  )
}
