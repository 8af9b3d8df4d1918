import { github, type Provider, shopify, slack, standardWebhooks, stripe, twilio } from '@hookgate/core'

/**
 * What the CLI must know about a provider beyond the library's: how to build the `Provider` from the one
 * `--secret`, how its bodies are encoded, and where its payloads carry the event id and time. Signing
 * itself is always the provider's `sign()`, never a second implementation.
 */
export interface ProviderProfile {
  /** The `--provider` value; the provider's own `name`. */
  name: string
  /** Where to find the secret, for `--help`. */
  secretHint: string
  provider(secret: string): Provider
  /** How a bundled sample becomes bytes: JSON, or a form (Twilio posts `application/x-www-form-urlencoded`). */
  encoding: 'json' | 'form'
  /** The sample sent when neither `--event` nor `--type` is given. */
  defaultType: string
  /** Fresh ids look like the provider's own, so logs read naturally. */
  newId(): string
  /**
   * Top-level payload fields that carry the event id and the event time, where the provider puts them in
   * the body rather than a header. A bundled sample gets them refreshed so every delivery is a new event.
   */
  payloadId?: string
  payloadTime?: string
  /** The event type goes in a header (GitHub's `X-GitHub-Event`), so a payload file needs `--type`. */
  needsType?: true
  /** The URL is signed (Twilio), so `sign` needs `--url`. */
  needsUrl?: true
}

const random = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex')

export const providers: readonly ProviderProfile[] = [
  {
    name: 'stripe',
    secretHint: 'the endpoint signing secret, whsec_... (Dashboard > Webhooks, or `stripe listen`)',
    provider: (secret) => stripe({ secret }),
    encoding: 'json',
    defaultType: 'invoice.paid',
    newId: () => `evt_${random(12)}`,
    payloadId: 'id',
    payloadTime: 'created',
  },
  {
    name: 'github',
    secretHint: "the webhook's secret (repository or organization Settings > Webhooks)",
    provider: (secret) => github({ secret }),
    encoding: 'json',
    defaultType: 'push',
    newId: () => crypto.randomUUID(),
    needsType: true,
  },
  {
    name: 'shopify',
    secretHint: "the app's client secret (Partner Dashboard > App > Client credentials)",
    provider: (secret) => shopify({ secret }),
    encoding: 'json',
    defaultType: 'orders/create',
    newId: () => crypto.randomUUID(),
    needsType: true,
  },
  {
    name: 'slack',
    secretHint: "the app's signing secret (api.slack.com > Your app > Basic Information)",
    provider: (secret) => slack({ secret }),
    encoding: 'json',
    defaultType: 'app_mention',
    newId: () => `Ev${random(5).toUpperCase()}`,
    payloadId: 'event_id',
    payloadTime: 'event_time',
  },
  {
    name: 'twilio',
    secretHint: 'the account Auth Token (Twilio Console > Account info)',
    provider: (secret) => twilio({ secret }),
    encoding: 'form',
    defaultType: 'message.received',
    newId: () => crypto.randomUUID(),
    needsUrl: true,
  },
  {
    name: 'standard-webhooks',
    secretHint: "the endpoint's signing secret, whsec_... (Svix, Clerk, Resend, ... dashboards)",
    // `--secret` takes any key; the library wants a whpk_ public key as `publicKey`. Given one, the CLI
    // refuses it for holding no signing key (see providerFor), naming the flag, not the library option.
    provider: (secret) =>
      secret.startsWith('whpk_') ? standardWebhooks({ publicKey: secret }) : standardWebhooks({ secret }),
    encoding: 'json',
    defaultType: 'user.created',
    newId: () => `msg_${random(12)}`,
  },
]

export const providerNames = providers.map((profile) => profile.name)

export function findProvider(name: string): ProviderProfile | undefined {
  return providers.find((profile) => profile.name === name)
}
