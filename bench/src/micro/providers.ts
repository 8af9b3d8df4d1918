import { github, type Provider, shopify, slack, standardWebhooks, stripe } from '@hookgate/core'
import { secrets } from '../secrets.js'

/** One provider as the bench drives it. */
export interface BenchProvider {
  name: string
  provider: Provider
  /** The delivery id is in a header: a duplicate can be answered without parsing the body. */
  idInHeader: boolean
}

/** Every provider whose deliveries are a JSON body signed with one HMAC (Twilio signs a form and a URL). */
export function providers(): BenchProvider[] {
  return [
    {
      name: 'standard-webhooks',
      provider: standardWebhooks({ secret: secrets.standardWebhooks }),
      idInHeader: true,
    },
    { name: 'stripe', provider: stripe({ secret: secrets.text }), idInHeader: false },
    { name: 'github', provider: github({ secret: secrets.text }), idInHeader: true },
    { name: 'shopify', provider: shopify({ secret: secrets.text }), idInHeader: true },
    { name: 'slack', provider: slack({ secret: secrets.text }), idInHeader: false },
  ]
}
