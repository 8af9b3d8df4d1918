// The senders the campaign attacks, each with a secret made for this run and every spelling of it that a
// leak could take. Three shapes cover the engine: Stripe (timestamp inside the signature header, id in the
// body), Standard Webhooks (id and timestamp in headers, base64 key) and GitHub (no timestamp at all).
import { randomBytes } from 'node:crypto'
import {
  type CommonProviderOptions,
  github,
  type Provider,
  type SignInput,
  standardWebhooks,
  stripe,
} from '@hookgate/core'

export type ProviderName = 'stripe' | 'standard-webhooks' | 'github'

/** One sender under attack: how to build its `Provider`, and what its deliveries and secrets look like. */
export interface Sender {
  name: ProviderName
  /** The provider with this run's secret; `options` for a clock or a tolerance. */
  provider(options?: CommonProviderOptions): Provider
  /** The header that carries the signature, lower-case. */
  signatureHeader: string
  /** An event body in this provider's shape with id `id`. */
  body(id: string): string
  /** What `sign` needs besides the body (GitHub's type header). */
  input: Partial<SignInput>
  /** The secret as configured and the forms it could leak in: raw, hex, base64, base64url, key bytes. */
  secretForms: string[]
}

const forms = (bytes: Buffer) => [
  bytes.toString('hex'),
  bytes.toString('base64'),
  bytes.toString('base64url'),
]

function textSecret(prefix: string): { secret: string; forms: string[] } {
  const secret = `${prefix}${randomBytes(18).toString('hex')}`
  return { secret, forms: [secret, ...forms(Buffer.from(secret))] }
}

const stripeSecret = textSecret('whsec_')
const githubSecret = textSecret('gh_')
const standardKey = randomBytes(24)
const standardSecret = `whsec_${standardKey.toString('base64')}`

export const providers: readonly Sender[] = [
  {
    name: 'stripe',
    provider: (options) => stripe({ secret: stripeSecret.secret, ...options }),
    signatureHeader: 'stripe-signature',
    body: (id) => JSON.stringify({ id, type: 'invoice.paid', data: { object: { id: 'in_1', amount: 100 } } }),
    input: {},
    secretForms: stripeSecret.forms,
  },
  {
    name: 'standard-webhooks',
    provider: (options) => standardWebhooks({ secret: standardSecret, ...options }),
    signatureHeader: 'webhook-signature',
    body: (id) => JSON.stringify({ type: 'user.created', data: { id, name: 'Ada' } }),
    input: {},
    secretForms: [standardSecret, ...forms(standardKey), ...forms(Buffer.from(standardSecret))],
  },
  {
    name: 'github',
    provider: (options) => github({ secret: githubSecret.secret, ...options }),
    signatureHeader: 'x-hub-signature-256',
    body: (id) => JSON.stringify({ action: 'opened', issue: { number: 1, title: id } }),
    input: { type: 'issues.opened' },
    secretForms: githubSecret.forms,
  },
]

export const providerNamed = (name: ProviderName): Sender => providers.find((p) => p.name === name)!

/** Every secret of every provider in every spelling: what the leak scan looks for. */
export const allSecretForms: readonly string[] = providers.flatMap((p) => p.secretForms)

/** A signed delivery as header pairs (lower-case names) and a body, ready for the raw client. */
export interface Delivery {
  headers: [string, string][]
  body: Buffer
  /** The id dedup keys on (body id for Stripe, header id for the others). */
  id: string
  timestamp: number
}

let counter = 0
/** A fresh unique id for this run. */
export const freshId = (prefix = 'evt') => `${prefix}_${process.pid}_${Date.now()}_${++counter}`

/** A valid delivery signed now (or at `timestamp`, unix seconds) over `body` (default: a fresh event). */
export async function signedDelivery(
  sender: Sender,
  options: { body?: string | Uint8Array; id?: string; timestamp?: number; signer?: Provider } = {},
): Promise<Delivery> {
  const id = options.id ?? freshId()
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  const body = options.body ?? sender.body(id)
  const signed = await (options.signer ?? sender.provider()).sign({
    ...sender.input,
    body,
    id,
    timestamp,
  })
  const headers = Object.entries(signed.headers).map(([n, v]): [string, string] => [n.toLowerCase(), v])
  return { headers, body: Buffer.from(body), id, timestamp }
}

/** The signature the sender would have computed for `body`: a leak of it would let anyone forge. */
export async function expectedSignature(sender: Sender, delivery: Delivery, body: Uint8Array) {
  const signed = await sender.provider().sign({
    ...sender.input,
    body,
    id: delivery.id,
    timestamp: delivery.timestamp,
  })
  const header = Object.entries(signed.headers).find(([n]) => n.toLowerCase() === sender.signatureHeader)
  // The bare signature, without `t=...,`, `v1=`, `v1,` or `sha256=`.
  return header![1].replace(/^t=\d+,/, '').replace(/^(v1=|v1,|sha256=)/, '')
}
