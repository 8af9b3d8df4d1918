import {
  type BasicAuthOptions,
  basicAuth,
  type ClerkOptions,
  type CloudEventsOptions,
  cachedKeys,
  clerk,
  cloudEvents,
  type DiscordOptions,
  discord,
  type KeyRequest,
  type KeyResolver,
  type MicrosoftGraphOptions,
  microsoftGraph,
  openai,
  type PostmarkOptions,
  postmark,
  replicate,
  resend,
  type SendGridOptions,
  type StandardWebhooksOptions,
  sendgrid,
  standardWebhooks,
  supabase,
  type TokenOptions,
  token,
} from '@hookgate/core'
import { describe, expectTypeOf, it } from 'vitest'

// Every key option takes a resolver of the request (one key per tenant), sync or async, as well as keys.
const tenantKey: KeyResolver<string> = ({ url }: KeyRequest) =>
  url?.endsWith('/acme') ? 'acme-key' : undefined
const asyncKeys = async (_request: KeyRequest) => ['current', 'previous']
const tenantName = ({ url }: KeyRequest) => url?.split('/').at(-1)
const cached = cachedKeys(tenantKey, { tenant: ({ url }) => url, ttl: '1m' })

describe('key options accept a resolver', () => {
  it('Standard Webhooks and its presets: secret and publicKey', () => {
    expectTypeOf(tenantKey).toMatchTypeOf<NonNullable<StandardWebhooksOptions['secret']>>()
    expectTypeOf(tenantKey).toMatchTypeOf<NonNullable<StandardWebhooksOptions['publicKey']>>()
    expectTypeOf(asyncKeys).toMatchTypeOf<ClerkOptions['secret']>()
    standardWebhooks({ publicKey: tenantKey })
    standardWebhooks({ secret: async () => new Uint8Array(32) })
    for (const preset of [clerk, resend, replicate, openai, supabase]) preset({ secret: asyncKeys })
  })

  it('ed25519 and ECDSA public keys: discord, sendgrid', () => {
    expectTypeOf(tenantKey).toMatchTypeOf<DiscordOptions['publicKey']>()
    expectTypeOf(tenantKey).toMatchTypeOf<DiscordOptions['secret']>()
    expectTypeOf(tenantKey).toMatchTypeOf<SendGridOptions['publicKey']>()
    discord({ publicKey: tenantKey })
    sendgrid({ publicKey: asyncKeys })
  })

  it('credentials: basicAuth, postmark, token, cloudEvents, microsoftGraph', () => {
    expectTypeOf(tenantKey).toMatchTypeOf<BasicAuthOptions['password']>()
    expectTypeOf(tenantName).toMatchTypeOf<PostmarkOptions['username']>()
    expectTypeOf(tenantKey).toMatchTypeOf<TokenOptions['token']>()
    expectTypeOf(tenantKey).toMatchTypeOf<CloudEventsOptions['token']>()
    expectTypeOf(tenantKey).toMatchTypeOf<MicrosoftGraphOptions['clientState']>()
    basicAuth({ username: 'hookgate', password: asyncKeys })
    postmark({ username: tenantName, password: cached })
    basicAuth({ username: ['renamed', 'hookgate'], password: 'p' })
    token({ token: asyncKeys })
    cloudEvents({ token: tenantKey })
    microsoftGraph({ clientState: asyncKeys })
  })

  it('refuses a resolver of anything but keys', () => {
    const count = (_request: KeyRequest) => 42
    // @ts-expect-error: a resolver answers keys (strings here), or undefined
    token({ token: count })
    // @ts-expect-error: a resolver answers keys (strings here), or undefined
    basicAuth({ username: 'hookgate', password: count })
    // @ts-expect-error: a resolver answers keys (strings here), or undefined
    discord({ publicKey: count })
  })
})
