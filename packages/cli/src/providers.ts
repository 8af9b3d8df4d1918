import { github, shopify, slack, standardWebhooks, stripe, twilio } from '@hookgate/core'
import type { ProviderProfile } from './profile.js'
import { bodySignedProfiles } from './providers/body-signed.js'
import { handshakeProfiles } from './providers/handshakes.js'
import { hmacVariantProfiles } from './providers/hmac-variants.js'
import { random } from './providers/random.js'
import { signerProfiles } from './providers/signers.js'

export type { ProviderProfile } from './profile.js'

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
  ...handshakeProfiles,
  ...hmacVariantProfiles,
  ...signerProfiles,
  ...bodySignedProfiles,
]

export const providerNames = providers.map((profile) => profile.name)

export function findProvider(name: string): ProviderProfile | undefined {
  return providers.find((profile) => profile.name === name)
}
