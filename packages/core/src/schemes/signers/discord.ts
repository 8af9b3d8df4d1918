import {
  decode,
  type Ed25519PublicKey,
  importEd25519PrivateKey,
  importEd25519PublicKey,
} from '../../crypto/backend.js'
import { defineProvider } from '../engine.js'
import { jsonReply } from '../handshakes/replies.js'
import { type Keys, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider, ProviderReply } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { ed25519Verifier, toList } from '../verifiers.js'

export interface DiscordOptions extends CommonProviderOptions {
  /**
   * The application's Public Key, 64 hex characters (Developer Portal > your app > General Information).
   * An array to accept several applications' keys on one endpoint, or a resolver of the request (one
   * application per tenant).
   * @default none: `secret` then verifies with its public half (one of the two is required)
   */
  publicKey?: Keys<string>
  /**
   * An ed25519 private key as the 64 hex characters of its seed, for `sign()` in tests and the CLI only:
   * Discord keeps its own, and it also verifies, with its public half. Or a resolver of the request.
   * @default none: `sign()` is unavailable
   */
  secret?: Keys<string>
}

/** Interaction types (`type` of an interaction) by their Discord names. */
const interactionTypes: Record<number, string> = {
  1: 'PING',
  2: 'APPLICATION_COMMAND',
  3: 'MESSAGE_COMPONENT',
  4: 'APPLICATION_COMMAND_AUTOCOMPLETE',
  5: 'MODAL_SUBMIT',
}

const pong = jsonReply({ type: 1 })
const webhookPingAck: ProviderReply = { status: 204, headers: {}, body: '' }

/**
 * Discord interactions and webhook events: `X-Signature-Ed25519` (hex) is the ed25519 signature of
 * `X-Signature-Timestamp` + the raw body under the application's public key; the timestamp must be fresh
 * (Discord's own library skips that check). The PING an endpoint gets when it is saved is answered here
 * (`{"type":1}` to an interaction PING, 204 to a webhook-event PING) and never reaches handlers; Discord
 * also sends requests with bad signatures to check they get 401, and they do. `id` is the interaction's
 * `id` (webhook events carry none: give the receiver a `key`), `type` the interaction type's name
 * (`APPLICATION_COMMAND`) or the webhook event's `event.type` (`APPLICATION_AUTHORIZED`). Discord does not
 * retry: the dedup window defaults to 1 hour.
 */
export function discord(options: DiscordOptions): Provider {
  return resolvingKeys(options, discordWith, placeholders)
}

/** Keys `discordWith` accepts, for `resolvingKeys`' `placeholder`; they verify nothing. */
const placeholders = {
  // RFC 8032's first test public key.
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  secret: '00'.repeat(32),
}

/** `discord` with fixed keys. */
function discordWith(options: StaticKeys<DiscordOptions>): Provider {
  const publicKeys: Promise<Ed25519PublicKey>[] = []
  const privateKeys = (options.secret === undefined ? [] : toList(options.secret, 'discord: secret')).map(
    (seed) => importEd25519PrivateKey(hexKey(seed, 'secret')),
  )
  if (options.publicKey !== undefined)
    for (const key of toList(options.publicKey, 'discord: publicKey'))
      publicKeys.push(Promise.resolve(importEd25519PublicKey(hexKey(key, 'publicKey'))))
  for (const key of privateKeys) publicKeys.push(key.publicKey())
  if (publicKeys.length === 0)
    throw new TypeError("discord: publicKey is required: the application's Public Key, in hex")
  return defineProvider(
    {
      name: 'discord',
      retryHorizon: '1h',
      keyOptions: options.publicKey === undefined ? 'secret' : 'publicKey',
      signatureHeader: ['X-Signature-Ed25519'],
      timestampHeader: ['X-Signature-Timestamp'],
      format: prefixedFormat(''),
      verifiers: new Map([['', ed25519Verifier(publicKeys, privateKeys, 'hex')]]),
      signs: { timestamp: true, id: false },
      signedContent: (fields) => [[fields.timestamp!, fields.body]],
      parse(verified) {
        const payload = parseJson(verified.raw, 'discord')
        return { payload, id: stringField(payload, 'id'), type: discordType(payload) }
      },
      reply(event) {
        if (event.type === 'PING') return pong
        if (event.type === 'WEBHOOK_PING') return webhookPingAck
        return undefined
      },
    },
    options,
  )
}

/** Webhook events have an `event` object (type 1) or are a PING (type 0); interactions have neither. */
function discordType(payload: unknown): string {
  const { type, event, version } = (payload ?? {}) as { type?: unknown; event?: unknown; version?: unknown }
  if (event !== undefined) return stringField(event, 'type') ?? untypedEventType
  if (type === 0 && version !== undefined) return 'WEBHOOK_PING'
  return (typeof type === 'number' && interactionTypes[type]) || untypedEventType
}

function hexKey(text: string, option: string): Uint8Array {
  const bytes = typeof text === 'string' ? decode(text.toLowerCase(), 'hex') : undefined
  if (bytes?.length !== 32)
    throw new TypeError(`discord: ${option} must be 64 hex characters (32 bytes), as the portal shows it`)
  return bytes
}
