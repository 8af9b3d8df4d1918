import type { Encoding, HashAlgorithm } from '../crypto/backend.js'
import type { Duration } from '../duration.js'
import type { ParsedDelivery, ProviderDefinition } from './engine.js'
import type { VerifiedRequest } from './scheme.js'
import type { SignatureFormat } from './signature-list.js'
import { compileTemplate, type SignedContent } from './signed-content.js'
import { hmacVerifier } from './verifiers.js'

/** A sender that HMACs some content and puts `<prefix><signature>` in one header. */
export interface HmacConfig {
  name: string
  retryHorizon: Duration
  secrets: readonly (string | Uint8Array)[]
  algorithm: HashAlgorithm
  encoding: Encoding
  header: string
  /** How the header is written; `prefixedFormat(prefix)` for all but Stripe. */
  format: SignatureFormat
  /** The version the format files signatures under: `''` for prefixed formats, Stripe's `v1`. */
  version?: string
  signedContent: SignedContent
  timestampHeader?: string
  idHeader?: readonly string[]
  typeHeader?: string
  parse(verified: VerifiedRequest): ParsedDelivery
}

/**
 * The generic HMAC provider as a definition: `hmac()` is this with the user's options, and GitHub, Shopify,
 * Slack and Stripe are this with their own constants (Stripe replacing how the header is written). Their
 * shared secret is always the `secret` option.
 */
export function hmacDefinition(config: HmacConfig): ProviderDefinition {
  const { header, format } = config
  const template =
    typeof config.signedContent === 'string'
      ? compileTemplate(config.signedContent, `${config.name}: signedContent`)
      : undefined
  const content = template?.content ?? (config.signedContent as Exclude<SignedContent, string>)
  return {
    name: config.name,
    retryHorizon: config.retryHorizon,
    keyOptions: 'secret',
    signatureHeader: [header],
    timestampHeader: config.timestampHeader === undefined ? undefined : [config.timestampHeader],
    idHeader: config.idHeader,
    typeHeader: config.typeHeader === undefined ? undefined : [config.typeHeader],
    format,
    verifiers: new Map([
      [config.version ?? '', hmacVerifier(config.algorithm, config.encoding, config.secrets)],
    ]),
    signs: {
      timestamp: template ? template.uses.has('timestamp') : config.timestampHeader !== undefined,
      id: template?.uses.has('id') ?? false,
    },
    signedContent: (fields) => [content(fields)],
    parse: config.parse,
  }
}
