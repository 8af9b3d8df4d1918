import { createPublicKey } from 'node:crypto'
import {
  basicAuth,
  clerk,
  discord,
  gitlab,
  openai,
  plaid,
  postmark,
  replicate,
  resend,
  sendgrid,
  supabase,
  token,
} from '@hookgate/core'
import type { ProviderProfile } from '../profile.js'
import { random } from './random.js'

/** `user:password`, as `--secret` carries Basic credentials. */
function credentials(secret: string) {
  const at = secret.indexOf(':')
  if (at < 0) throw new TypeError('secret: write the credentials as <username>:<password>')
  return { username: secret.slice(0, at), password: secret.slice(at + 1) }
}

/** A private JWK given as JSON; the public half SendGrid's `publicKey` wants, derived from it. */
function sendgridFromJwk(secret: string) {
  let jwk: JsonWebKey
  try {
    jwk = JSON.parse(secret) as JsonWebKey
  } catch {
    throw new TypeError('secret: a P-256 private key as JWK JSON ({"kty":"EC","crv":"P-256","d":...})')
  }
  const publicKey = createPublicKey({ key: { ...jwk }, format: 'jwk' }).export({
    format: 'der',
    type: 'spki',
  })
  return sendgrid({ publicKey: publicKey.toString('base64'), secret: jwk })
}

const standard = (
  name: string,
  hint: string,
  defaultType: string,
  factory: typeof clerk,
): ProviderProfile => ({
  name,
  secretHint: hint,
  provider: (secret) => factory({ secret }),
  encoding: 'json',
  defaultType,
  newId: () => `msg_${random(12)}`,
})

/**
 * The senders of `@hookgate/core`'s schemes/signers. The asymmetric ones sign with a private key the
 * sender keeps to itself, so `--secret` is a key of your own whose public half your receiver is given.
 */
export const signerProfiles: readonly ProviderProfile[] = [
  standard(
    'clerk',
    'the endpoint Signing Secret, whsec_... (Clerk Dashboard > Webhooks)',
    'user.created',
    clerk,
  ),
  standard(
    'resend',
    "the webhook's signing secret, whsec_... (Resend > Webhooks)",
    'email.delivered',
    resend,
  ),
  standard(
    'replicate',
    'the webhook signing secret, whsec_... (GET /v1/webhooks/default/secret)',
    'succeeded',
    replicate,
  ),
  standard(
    'openai',
    "the endpoint's signing secret, whsec_... (Settings > Project > Webhooks)",
    'response.completed',
    openai,
  ),
  standard('supabase', "the hook's secret, v1,whsec_... (Authentication > Hooks)", 'send_email', supabase),
  {
    name: 'discord',
    secretHint: 'an ed25519 private key, its 32-byte seed in hex; your receiver gets its public half',
    provider: (secret) => discord({ secret }),
    encoding: 'json',
    defaultType: 'APPLICATION_COMMAND',
    newId: () => String(BigInt(Date.now() - 1_420_070_400_000) << 22n),
    payloadId: 'id',
  },
  {
    name: 'sendgrid',
    secretHint: 'a P-256 private key as JWK JSON; your receiver gets its public half as publicKey',
    provider: sendgridFromJwk,
    encoding: 'json',
    defaultType: 'delivered',
    newId: () => random(16),
    refresh(payload, id, now) {
      for (const [index, item] of (payload as unknown as Record<string, unknown>[]).entries()) {
        item.sg_event_id = `${id}-${index}`
        item.timestamp = now
      }
    },
  },
  {
    name: 'plaid',
    secretHint:
      'a P-256 private key as JWK JSON with its kid; your receiver resolves that kid to its public half',
    provider: (secret) => plaid({ publicKey: () => undefined, secret }),
    encoding: 'json',
    defaultType: 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE',
    newId: () => crypto.randomUUID(),
  },
  {
    name: 'gitlab',
    secretHint: "the webhook's Secret token (Settings > Webhooks)",
    provider: (secret) => gitlab({ secret }),
    encoding: 'json',
    defaultType: 'push',
    newId: () => crypto.randomUUID(),
    needsType: true,
  },
  {
    name: 'postmark',
    secretHint: 'the <username>:<password> of the webhook URL',
    provider: (secret) => postmark(credentials(secret)),
    encoding: 'json',
    defaultType: 'Delivery',
    newId: () => crypto.randomUUID(),
    payloadId: 'MessageID',
  },
  {
    name: 'basic-auth',
    secretHint: 'the <username>:<password> the sender is given',
    provider: (secret) =>
      basicAuth({ ...credentials(secret), id: ({ payload }) => (payload as { id?: string }).id }),
    encoding: 'json',
    defaultType: 'invoice.paid',
    newId: () => random(12),
    payloadId: 'id',
  },
  {
    name: 'token',
    secretHint: 'the token the sender sends as Authorization: Bearer <token>',
    provider: (secret) => token({ token: secret, id: ({ payload }) => (payload as { id?: string }).id }),
    encoding: 'json',
    defaultType: 'row.inserted',
    newId: () => random(12),
    payloadId: 'id',
  },
]
