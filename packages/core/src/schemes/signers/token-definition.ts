import { digest, timingSafeEqualText } from '../../crypto/backend.js'
import type { Duration } from '../../duration.js'
import { andThen, someIndex } from '../../maybe-promise.js'
import type { ProviderDefinition } from '../engine.js'
import { malformedHeader } from '../failures.js'
import type { HmacDelivery } from '../hmac.js'
import { parseJsonOrForm, stringField, untypedEventType } from '../payload.js'
import type { SignatureFormat } from '../signature-list.js'
import type { Verifier } from '../verifiers.js'

/** A sender that authenticates with a static credential in one header instead of signing. */
export interface TokenConfig {
  name: string
  retryHorizon: Duration
  /** The option the credentials came from, for messages. */
  keyOptions: string
  header: string
  /** `Bearer` or `Basic`: the header is `<scheme> <credential>`; none: the header is the credential. */
  scheme?: 'Bearer' | 'Basic'
  /** What the header must carry (after the scheme), any one of them; `sign` writes the first. */
  credentials: readonly string[]
  idHeader?: readonly string[]
  typeHeader?: string
  typeHeaderValue?(type: string): string
  id(delivery: HmacDelivery): string | undefined
  type(delivery: HmacDelivery): string | undefined
}

/**
 * The definition of a token sender: the engine's header, size and parse rules, with nothing signed and no
 * timestamp (a token proves who sent, never when, so a captured request replays until its id is known).
 */
export function tokenDefinition(config: TokenConfig): ProviderDefinition {
  return {
    name: config.name,
    retryHorizon: config.retryHorizon,
    keyOptions: config.keyOptions,
    signatureHeader: [config.header],
    idHeader: config.idHeader,
    typeHeader: config.typeHeader === undefined ? undefined : [config.typeHeader],
    typeHeaderValue: config.typeHeaderValue,
    format: config.scheme ? schemeFormat(config.scheme) : wholeValue,
    verifiers: new Map([['', tokenVerifier(config.credentials)]]),
    signs: { timestamp: false, id: false, body: false },
    signedContent: (fields) => [[fields.body]],
    parse(verified) {
      const payload = parseJsonOrForm(verified.raw, verified.headers, config.name)
      const delivery = { payload, headers: verified.headers }
      return {
        payload,
        id: verified.id ?? config.id(delivery),
        type: config.type(delivery) ?? verified.type ?? untypedEventType,
      }
    },
  }
}

/** The header's whole value is the credential: GitLab's token, a custom header's. */
const wholeValue: SignatureFormat = {
  read: (value) => ({ entries: [{ version: '', value }] }),
  write: (entries) => entries[0]!.value,
}

/** `Authorization: <scheme> <credential>`; the scheme's name is case-insensitive (RFC 9110). */
function schemeFormat(scheme: string): SignatureFormat {
  const prefix = `${scheme.toLowerCase()} `
  return {
    read(value, header) {
      if (value.slice(0, prefix.length).toLowerCase() !== prefix)
        throw malformedHeader(header, `must be written ${scheme} <credentials>`)
      return { entries: [{ version: '', value: value.slice(prefix.length).trim() }] }
    },
    write: (entries) => `${scheme} ${entries[0]!.value}`,
  }
}

/**
 * Compares SHA-256 digests of the received and the configured credentials in constant time: equal-length
 * texts, so neither a credential's content nor its length shows in the time a wrong one takes.
 */
export function tokenVerifier(credentials: readonly string[]): Verifier {
  const expected = credentials.map((credential) => digest('sha256', credential, 'hex'))
  return {
    verify: (_contents, candidates) =>
      someIndex(candidates.length, (c) =>
        andThen(digest('sha256', candidates[c]!, 'hex'), (received) =>
          someIndex(expected.length, (k) =>
            andThen(expected[k]!, (wanted) => timingSafeEqualText(received, wanted)),
          ),
        ),
      ),
    sign: async () => credentials[0]!,
  }
}

/** A header name (read before parsing) or a function of the delivery, as `hmac()` takes them. */
export type DeliveryField = string | ((delivery: HmacDelivery) => string | undefined)

/** The header names and functions of `id` and `type` options, split the way `TokenConfig` takes them. */
export function deliveryFields(id: DeliveryField | undefined, type: DeliveryField | undefined) {
  return {
    idHeader: typeof id === 'string' ? [id] : undefined,
    typeHeader: typeof type === 'string' ? type : undefined,
    id: typeof id === 'function' ? id : () => undefined,
    type:
      typeof type === 'function'
        ? type
        : typeof type === 'string'
          ? () => undefined
          : ({ payload }: HmacDelivery) => stringField(payload, 'type'),
  }
}
