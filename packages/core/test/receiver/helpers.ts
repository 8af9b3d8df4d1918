import {
  createReceiver,
  github,
  hmac,
  type IdempotencyStore,
  type Logger,
  type Outcome,
  type ReceiverOptions,
  type SignInput,
  standardWebhooks,
  stripe,
  type WebhookEvent,
} from '@hookgate/core'

export const stripeSecret = 'whsec_test_secret_for_receiver_tests'
/** Standard Webhooks puts the id in a header: the receiver's duplicate fast path applies. */
export const swSecret = `whsec_${Buffer.from('receiver-tests-key-0123456789abcdef').toString('base64')}`

/** A plain HMAC sender that sends no id: dedup needs the receiver's `key` option. */
export const hmacSecret = 'plain-hmac-secret'

export type ProviderName = 'stripe' | 'standard-webhooks' | 'github' | 'hmac'

export function providerFor(provider: ProviderName) {
  if (provider === 'stripe') return stripe({ secret: stripeSecret })
  if (provider === 'github') return github({ secret: stripeSecret })
  if (provider === 'standard-webhooks') return standardWebhooks({ secret: swSecret })
  return hmac({ secret: hmacSecret, header: 'x-signature', signaturePrefix: 'sha256=' })
}

/** A receiver on a real provider with a quiet logger and millisecond retries. */
export function receiverFor(provider: ProviderName, options: Partial<ReceiverOptions> = {}) {
  return createReceiver({
    provider: providerFor(provider),
    logger: quiet,
    retry: { attempts: 3, baseDelay: 1, maxDelay: 4 },
    ...options,
  })
}

let counter = 0
/** A fresh event id for each call, so tests never collide. */
export const freshId = (prefix = 'evt') => `${prefix}_${Date.now().toString(36)}_${++counter}`

/**
 * A signed delivery, exactly as the provider would send it. The payload carries `id` and `type` the way
 * Stripe events do; Standard Webhooks and GitHub send the id in a header.
 */
export async function signed(
  provider: ProviderName,
  event: { id?: string; type: string; data?: unknown; raw?: string },
  extra: Partial<SignInput> = {},
) {
  // GitHub's type is its event header joined to the payload's action: `invoice.paid` = `invoice` + `paid`.
  const action = provider === 'github' ? event.type.split('.').slice(1).join('.') : undefined
  const body = event.raw ?? JSON.stringify({ id: event.id, type: event.type, action, data: event.data ?? {} })
  const request = await providerFor(provider).sign({ body, id: event.id, type: event.type, ...extra })
  return { method: 'POST', url: request.url ?? '/webhooks', headers: request.headers, body: request.body }
}

export async function deliver(
  receiver: { receive: (request: Awaited<ReturnType<typeof signed>>) => Promise<Outcome> },
  provider: ProviderName,
  event: Parameters<typeof signed>[1],
): Promise<Outcome> {
  return receiver.receive(await signed(provider, event))
}

export const quiet: Logger = { info() {}, warn() {}, error() {} }

/** Polls with real timers until `check` passes (it throws until then). */
export async function until(check: () => void | Promise<void>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(5)
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const bodyOf = (outcome: Outcome) => JSON.parse(outcome.body) as Record<string, unknown>

/** A store whose every call fails, as a store that lost its server does. */
export function brokenStore(): IdempotencyStore {
  const fail = async (): Promise<never> => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
  }
  return { claim: fail, acquire: fail, complete: fail, release: fail, extend: fail }
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

export type AnyEvent = WebhookEvent
