import { generateKeyPairSync } from 'node:crypto'
import * as core from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { providerFactories } from '../schemes/provider-factories.js'

// Every provider factory takes a resolver of the request wherever it takes a key (`secret`, `publicKey`,
// `token`, Basic auth's credentials, `clientState`): they all go through `resolvingKeys`. The factories
// are read from the sources, so a new one is held to this too. A resolver that throws answers
// `key_unavailable`, one that knows no key `unknown_tenant`; two tenants' keys verify only their own.
const exported = core as unknown as Record<string, Factory | undefined>
const factories = providerFactories

/** Plaid signs with Plaid's own keys, the same for every tenant; its `publicKey` resolves a JWT's kid. */
const sameKeysForEveryTenant = ['plaid']

type Factory = (options: Record<string, unknown>) => core.Provider
type Tenant = 'acme' | 'globex'
type Options = Record<string, unknown>

interface TenantCase {
  /** Options that are no keys: the same for every tenant. */
  extra?: Options
  /** What `sign` gets, where a JSON event is not what the provider sends. */
  body?: () => string
  /** A tenant's keys: those that sign (for `sign`), and those the resolvers answer, which verify. */
  keys(tenant: Tenant): { signs: Options; verifies: Options }
}

const same = (verifies: Options) => ({ signs: verifies, verifies })
const sharedSecret = (tenant: Tenant) => same({ secret: `${tenant}-secret` })
const base64 = (text: string) => Buffer.from(text).toString('base64')
const whsec = (tenant: Tenant) => `whsec_${base64(`${tenant}-standard-webhooks-secret`)}`
const store = () => {}
const adyenItem = {
  pspReference: '7914073381342284',
  originalReference: '',
  merchantAccountCode: 'TestMerchant',
  merchantReference: 'order-1',
  amount: { value: 1130, currency: 'EUR' },
  eventCode: 'AUTHORISATION',
  success: 'true',
}

const ed25519 = { acme: ed25519Pair(), globex: ed25519Pair() }
const p256 = { acme: p256Pair(), globex: p256Pair() }

function ed25519Pair() {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })
  return { seed: Buffer.from(jwk.d!, 'base64url'), publicKey: Buffer.from(jwk.x!, 'base64url') }
}

function p256Pair() {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    secret: pair.privateKey.export({ format: 'jwk' }),
  }
}

/** How each factory is built for a tenant, where a `secret` of its own is not enough. */
const cases: Record<string, TenantCase> = {
  hmac: { extra: { header: 'X-Signature' }, keys: sharedSecret },
  square: { extra: { notificationUrl: 'https://app.example/square' }, keys: sharedSecret },
  braintree: { extra: { publicKey: 'public_key_id' }, keys: sharedSecret },
  meta: { extra: { verifyToken: 'verify-token' }, keys: sharedSecret },
  asana: { extra: { onHookSecret: store }, keys: sharedSecret },
  notion: { extra: { onVerificationToken: store }, keys: sharedSecret },
  adyen: {
    keys: (tenant) => same({ secret: (tenant === 'acme' ? 'ab' : 'cd').repeat(32) }),
    body: () =>
      JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: adyenItem }] }),
  },
  linear: {
    keys: sharedSecret,
    body: () => JSON.stringify({ action: 'create', type: 'Issue', webhookTimestamp: Date.now() }),
  },
  standardWebhooks: { keys: (tenant) => same({ secret: whsec(tenant) }) },
  clerk: { keys: (tenant) => same({ secret: whsec(tenant) }) },
  resend: { keys: (tenant) => same({ secret: whsec(tenant) }) },
  replicate: { keys: (tenant) => same({ secret: whsec(tenant) }) },
  openai: { keys: (tenant) => same({ secret: whsec(tenant) }) },
  supabase: { keys: (tenant) => same({ secret: `v1,${whsec(tenant)}` }) },
  discord: {
    keys: (tenant) => ({
      signs: { secret: ed25519[tenant].seed.toString('hex') },
      verifies: { publicKey: ed25519[tenant].publicKey.toString('hex') },
    }),
  },
  sendgrid: {
    keys: (tenant) => ({ signs: p256[tenant], verifies: { publicKey: p256[tenant].publicKey } }),
  },
  basicAuth: { keys: (tenant) => same({ username: tenant, password: `${tenant}-password` }) },
  postmark: { keys: (tenant) => same({ username: tenant, password: `${tenant}-password` }) },
  token: { keys: (tenant) => same({ token: `${tenant}-token` }) },
  cloudEvents: { keys: (tenant) => same({ token: `${tenant}-token` }) },
  microsoftGraph: {
    keys: (tenant) => same({ clientState: `${tenant}-client-state` }),
    body: () => JSON.stringify({ value: [{ subscriptionId: 's-1', changeType: 'created' }] }),
  },
}

/** Standard Webhooks' ed25519 keys (`v1a`) resolve too: `whsk_` signs, the tenant's `whpk_` verifies. */
const standardEd25519: TenantCase = {
  keys: (tenant) => ({
    signs: { secret: `whsk_${ed25519[tenant].seed.toString('base64')}` },
    verifies: { publicKey: `whpk_${ed25519[tenant].publicKey.toString('base64')}` },
  }),
}

const caseOf = (name: string): TenantCase => cases[name] ?? { keys: sharedSecret }
const urlOf = (tenant: string) => `https://app.example/webhooks/${tenant}`
const tenantOf = (url: string | undefined) => /\/webhooks\/(\w+)/.exec(url ?? '')?.[1] as Tenant | undefined
const event = () => JSON.stringify({ id: 'evt-1', type: 'thing.happened' })

/** The factory with each key of `keys` answered by a resolver of `answer(option, request)`. */
function resolving(
  factory: Factory,
  testCase: TenantCase,
  answer: (option: string, request: core.KeyRequest) => unknown,
) {
  const resolvers = Object.fromEntries(
    Object.keys(testCase.keys('acme').verifies).map((option) => [
      option,
      (request: core.KeyRequest) => answer(option, request),
    ]),
  )
  return factory({ ...testCase.extra, ...resolvers })
}

/** A delivery to `tenant`'s URL, signed as `signer` would sign it. */
async function delivery(factory: Factory, testCase: TenantCase, tenant: Tenant, signer: Tenant) {
  const url = urlOf(tenant)
  const provider = factory({ ...testCase.extra, ...testCase.keys(signer).signs })
  const body = (testCase.body ?? event)()
  const signed = await provider.sign({ body, id: 'evt-1', type: 'thing.happened', url })
  // Twilio adds the body's hash to the URL it calls.
  return { method: 'POST', url: signed.url ?? url, headers: signed.headers, body: signed.body }
}

it('finds every provider factory @hookgate/core exports', () => {
  expect(factories).toEqual(
    expect.arrayContaining(['stripe', 'hmac', 'discord', 'sendgrid', 'token', 'cloudEvents', 'adyen']),
  )
  expect(factories.length).toBeGreaterThan(50)
  for (const name of Object.keys(cases)) expect(factories).toContain(name)
})

describe.each(factories.filter((name) => !sameKeysForEveryTenant.includes(name)))('%s', (name) => {
  const factory = exported[name]!
  const testCase = caseOf(name)
  const request = { method: 'POST', url: urlOf('acme'), headers: {}, body: '{}' }

  it('asks its key resolvers on each request', async () => {
    const failing = resolving(factory, testCase, () => Promise.reject(new Error('vault down')))
    await expect(failing.verify(request)).rejects.toMatchObject({ code: 'key_unavailable' })
    const unknown = resolving(factory, testCase, () => undefined)
    await expect(unknown.verify(request)).rejects.toMatchObject({ code: 'unknown_tenant' })
    const fixed = factory({ ...testCase.extra, ...testCase.keys('acme').verifies })
    expect([unknown.name, unknown.retryHorizon, unknown.tolerance]).toEqual([
      fixed.name,
      fixed.retryHorizon,
      fixed.tolerance,
    ])
  })

  it("verifies each tenant with its own keys, never with another tenant's", async () => {
    await expectTenantsApart(factory, testCase)
  })
})

describe('standardWebhooks with ed25519 keys', () => {
  it("verifies each tenant with its own whpk_ key, never with another tenant's", async () => {
    await expectTenantsApart(core.standardWebhooks as unknown as Factory, standardEd25519)
  })
})

async function expectTenantsApart(factory: Factory, testCase: TenantCase) {
  const provider = resolving(factory, testCase, (option, { url }) => {
    const tenant = tenantOf(url)
    return tenant && testCase.keys(tenant).verifies[option]
  })
  for (const [tenant, other] of [
    ['acme', 'globex'],
    ['globex', 'acme'],
  ] as const) {
    await expect(provider.verify(await delivery(factory, testCase, tenant, tenant))).resolves.toBeDefined()
    // Signed with the other tenant's keys: forged for this one.
    await expect(provider.verify(await delivery(factory, testCase, tenant, other))).rejects.toMatchObject({
      code: 'invalid_signature',
    })
  }
}

describe('a resolved key the provider refuses', () => {
  it.each([
    ['discord', { publicKey: 'not hex' }],
    ['standardWebhooks', { publicKey: 'whsec_not-a-public-key' }],
    ['basicAuth', { username: 'has:colon', password: 'p' }],
  ])('%s: is the resolver failing, key_unavailable', async (name, keys: Options) => {
    const provider = resolving(exported[name]!, { keys: () => same(keys) }, (option) => keys[option])
    await expect(
      provider.verify({ method: 'POST', url: urlOf('acme'), headers: {}, body: '{}' }),
    ).rejects.toMatchObject({
      code: 'key_unavailable',
    })
  })
})

it('basicAuth: a resolver may answer several user names and passwords while they change', async () => {
  const provider = core.basicAuth({ username: async () => ['old', 'new'], password: () => ['p1', 'p2'] })
  const as = (credentials: string) => ({
    method: 'POST',
    url: urlOf('acme'),
    headers: { authorization: `Basic ${base64(credentials)}` },
    body: event(),
  })
  await expect(provider.verify(as('new:p2'))).resolves.toBeDefined()
  await expect(provider.verify(as('old:p1'))).resolves.toBeDefined()
  await expect(provider.verify(as('new:p3'))).rejects.toMatchObject({ code: 'invalid_signature' })
})
