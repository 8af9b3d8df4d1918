import {
  decode,
  type Ed25519PrivateKey,
  type Ed25519PublicKey,
  importEd25519PrivateKey,
  importEd25519PublicKey,
} from '../crypto/backend.js'
import type { Duration } from '../duration.js'
import { defineProvider } from './engine.js'
import { type Keys, resolvingKeys, type StaticKeys } from './key-resolver.js'
import { parseJson, stringField, untypedEventType } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { readVersioned, type SignatureFormat, spaces } from './signature-list.js'
import { compileTemplate } from './signed-content.js'
import { ed25519Verifier, hmacVerifier, toList, type Verifier } from './verifiers.js'

export interface StandardWebhooksOptions extends CommonProviderOptions {
  /**
   * `whsec_<base64>` symmetric secrets (signatures `v1`, HMAC-SHA256; the prefix is optional, as in the
   * Svix libraries), `whsk_<base64>` ed25519 secret keys (sign `v1a`, and verify with their public half),
   * or raw HMAC key bytes. An array to rotate or to mix kinds: any may match; `sign` uses the first of
   * each kind. Or a resolver of the request, for one secret per tenant.
   * @default none: `publicKey` then verifies alone (one of the two is required)
   */
  secret?: Keys<string | Uint8Array>
  /**
   * `whpk_<base64>` ed25519 public keys: they verify `v1a` signatures and never sign. An array to rotate,
   * or a resolver of the request.
   * @default none: `secret` then verifies alone (one of the two is required)
   */
  publicKey?: Keys<string>
  /**
   * Which header names `sign` writes: `webhook-*` or Svix's `svix-*`. Both are always accepted.
   * @default 'webhook'
   */
  headerPrefix?: 'webhook' | 'svix'
}

/** `v1,<base64> v1a,<base64> ...`: space separated, every entry of a version we hold keys for is tried. */
const standardFormat: SignatureFormat = {
  read: (value, header) => ({ entries: readVersioned(value, spaces, ',', header) }),
  write: (entries) => entries.map((entry) => `${entry.version},${entry.value}`).join(' '),
}

/**
 * Standard Webhooks (Svix, Clerk, Resend, ...): signatures of `{id}.{timestamp}.{body}` in
 * `webhook-signature` (or `svix-signature`), `v1` HMAC-SHA256 and `v1a` ed25519, fresh within `tolerance`
 * both ways. `id` is `webhook-id`, `type` the payload's `type`. The dedup window defaults to 4 days: Svix
 * retries for about 28 hours, and the specification's example schedule runs for 75.
 */
export function standardWebhooks(options: StandardWebhooksOptions): Provider {
  return standardWebhooksPreset(
    { name: 'standard-webhooks', factory: 'standardWebhooks', retryHorizon: '4d', typeField: 'type' },
    options,
  )
}

/** What a sender built on Standard Webhooks (Clerk, OpenAI, ...) changes: its name, retries and type field. */
export interface StandardWebhooksPreset {
  name: string
  /** The factory, as messages name it. @default name */
  factory?: string
  retryHorizon: Duration
  /** The payload field that names the event type. */
  typeField: string
  /** How the sender writes a secret, made into the one Standard Webhooks reads (Supabase's `v1,` prefix). */
  readSecret?(secret: string | Uint8Array): string | Uint8Array
}

/** A preset's options: a sender writes its own header names, so there is no `headerPrefix` to choose. */
export type StandardWebhooksPresetOptions = Omit<StandardWebhooksOptions, 'headerPrefix'>

/** Keys every Standard Webhooks factory accepts, for `resolvingKeys`' `placeholder`; they verify nothing. */
const placeholders = {
  secret: 'whsec_cGxhY2Vob2xkZXItbmV2ZXItdmVyaWZpZXM',
  // RFC 8032's first test public key.
  publicKey: 'whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo',
}

/** `standardWebhooks` under a sender's own name: the one implementation every preset runs on. */
export function standardWebhooksPreset(
  preset: StandardWebhooksPreset,
  options: StandardWebhooksOptions,
): Provider {
  return resolvingKeys(options, (keys) => presetWith(preset, keys), placeholders)
}

/** A preset with fixed keys. */
function presetWith(preset: StandardWebhooksPreset, options: StaticKeys<StandardWebhooksOptions>): Provider {
  const { name, typeField } = preset
  const names = options.headerPrefix === 'svix' ? ['svix', 'webhook'] : ['webhook', 'svix']
  const headers = (suffix: string) => names.map((prefix) => `${prefix}-${suffix}`)
  const { content } = compileTemplate('{id}.{timestamp}.{body}', 'standardWebhooks')
  return defineProvider(
    {
      name,
      retryHorizon: preset.retryHorizon,
      keyOptions: keyOptionsOf(options),
      signatureHeader: headers('signature'),
      timestampHeader: headers('timestamp'),
      idHeader: headers('id'),
      format: standardFormat,
      verifiers: verifiersFor(options, preset),
      signs: { timestamp: true, id: true },
      signedContent: (fields) => [content(fields)],
      parse(verified) {
        const payload = parseJson(verified.raw, name)
        return { payload, id: verified.id, type: stringField(payload, typeField) ?? untypedEventType }
      },
      newId: () => `msg_${crypto.randomUUID().replaceAll('-', '')}`,
    },
    options,
  )
}

/** The options the keys came from, as messages name them. */
function keyOptionsOf(options: StaticKeys<StandardWebhooksOptions>): string {
  const given = (['secret', 'publicKey'] as const).filter((option) => options[option] !== undefined)
  if (given.length === 0)
    throw new TypeError('standardWebhooks: secret or publicKey is required: the keys that verify deliveries')
  return given.join(' or ')
}

/** Sorts the configured keys by kind: `v1` first, so `sign` writes `v1,... v1a,...` as Svix does. */
function verifiersFor(
  options: StaticKeys<StandardWebhooksOptions>,
  { factory, name, readSecret = (secret) => secret }: StandardWebhooksPreset,
): Map<string, Verifier> {
  const option = (key: string) => `${factory ?? name}: ${key}`
  const hmacKeys: Uint8Array[] = []
  const publicKeys: Promise<Ed25519PublicKey>[] = []
  const privateKeys: Ed25519PrivateKey[] = []
  const secrets = options.secret === undefined ? [] : toList(options.secret, option('secret')).map(readSecret)
  const verifyingKeys = options.publicKey === undefined ? [] : toList(options.publicKey, option('publicKey'))
  for (const key of verifyingKeys) {
    if (typeof key !== 'string' || !key.startsWith('whpk_'))
      throw new TypeError(
        'standardWebhooks: publicKey takes whpk_ public keys; a whsec_ or whsk_ key is secret and goes in secret',
      )
    publicKeys.push(Promise.resolve(importEd25519PublicKey(keyBytes(key.slice(5), [32], 'whpk_'))))
  }
  for (const secret of secrets) {
    if (typeof secret !== 'string') hmacKeys.push(secret)
    else if (secret.startsWith('whpk_'))
      throw new TypeError('standardWebhooks: a whpk_ key is public: it goes in publicKey, not in secret')
    else if (secret.startsWith('whsk_')) {
      // A 32-byte seed, or the 64-byte seed + public key that libsodium and Go write.
      const key = importEd25519PrivateKey(keyBytes(secret.slice(5), [32, 64], 'whsk_').subarray(0, 32))
      privateKeys.push(key)
      publicKeys.push(key.publicKey())
    } else
      hmacKeys.push(keyBytes(secret.startsWith('whsec_') ? secret.slice(6) : secret, undefined, 'whsec_'))
  }
  const verifiers = new Map<string, Verifier>()
  if (hmacKeys.length > 0) verifiers.set('v1', hmacVerifier('sha256', 'base64', hmacKeys))
  if (publicKeys.length > 0) verifiers.set('v1a', ed25519Verifier(publicKeys, privateKeys))
  return verifiers
}

/** A key's base64, padding optional; a TypeError that names the kind (never the key) when it is not. */
function keyBytes(base64: string, lengths: readonly number[] | undefined, kind: string): Uint8Array {
  const bytes = decode(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='), 'base64')
  if (!bytes || bytes.length === 0 || (lengths && !lengths.includes(bytes.length)))
    throw new TypeError(
      `standardWebhooks: a ${kind} key must be base64${lengths ? ` of ${lengths.join(' or ')} bytes` : ''} after its prefix`,
    )
  return bytes
}
