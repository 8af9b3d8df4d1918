import { github, type Scheme, shopify, slack, standardWebhooks, stripe } from '@hookgate/core'
import { secrets } from '../secrets.js'

/** One provider as the bench drives it. */
export interface Provider {
  name: string
  scheme: Scheme
  /** The delivery id is in a header: a duplicate can be answered without parsing the body. */
  idInHeader: boolean
}

/** Every provider whose deliveries are a JSON body signed with one HMAC (Twilio signs a form and a URL). */
export function providers(): Provider[] {
  return [
    {
      name: 'standard-webhooks',
      scheme: standardWebhooks({ secret: secrets.standardWebhooks }),
      idInHeader: true,
    },
    { name: 'stripe', scheme: stripe({ secret: secrets.text }), idInHeader: false },
    { name: 'github', scheme: github({ secret: secrets.text }), idInHeader: true },
    { name: 'shopify', scheme: shopify({ secret: secrets.text }), idInHeader: true },
    { name: 'slack', scheme: slack({ signingSecret: secrets.text }), idInHeader: false },
  ]
}
