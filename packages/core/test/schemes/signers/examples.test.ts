import { generateKeyPairSync } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { discord, type Provider, plaid, type SignInput, sendgrid } from '@hookgate/core'
import { exportJWK, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { received } from '../helpers.js'

// Each page of these providers shows one example file verbatim: this runs them, through signed requests.
const ed25519 = generateKeyPairSync('ed25519')
const hexOf = (base64url: string) => Buffer.from(base64url, 'base64url').toString('hex')
process.env.DISCORD_PUBLIC_KEY = hexOf(ed25519.publicKey.export({ format: 'jwk' }).x!)
const discordSigner = discord({ secret: hexOf(ed25519.privateKey.export({ format: 'jwk' }).d!) })
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
process.env.SENDGRID_VERIFICATION_KEY = p256.publicKey
  .export({ format: 'der', type: 'spki' })
  .toString('base64')
const sendgridSigner = sendgrid({
  publicKey: process.env.SENDGRID_VERIFICATION_KEY,
  secret: p256.privateKey.export({ format: 'jwk' }),
})

const pages = ['discord', 'sendgrid', 'plaid', 'tokens', 'standard-webhooks-senders'] as const
const files: Record<(typeof pages)[number], string> = {
  discord: 'discord',
  sendgrid: 'sendgrid',
  plaid: 'plaid',
  tokens: 'tokens',
  'standard-webhooks-senders': 'clerk',
}

it.each(pages)('docs/providers/%s.md shows its example file exactly', async (page) => {
  const markdown = await readFile(
    new URL(`../../../../../docs/providers/${page}.md`, import.meta.url),
    'utf8',
  )
  const source = await readFile(new URL(`./examples/${files[page]}.ts`, import.meta.url), 'utf8')
  expect(/```ts\n([\s\S]*?)```/.exec(markdown)?.[1]).toBe(source)
})

async function post(
  handle: (request: Request) => Promise<Response>,
  signer: Provider,
  input: SignInput,
  change = (body: string) => body,
) {
  const signed = await signer.sign(input)
  return handle(
    new Request('https://example.com/hooks', {
      method: 'POST',
      headers: signed.headers,
      body: change(String(signed.body)),
    }),
  )
}

describe('discord', async () => {
  const { handle } = await import('./examples/discord.js')

  it('answers the PING itself, an interaction with a message, and a bad signature with 401', async () => {
    const ping = await post(handle, discordSigner, { body: '{"id":"p","type":1}' })
    expect(ping.status).toBe(200)
    expect(await ping.json()).toEqual({ type: 1 })
    const command = await post(handle, discordSigner, { body: '{"id":"i1","type":2}' })
    expect(await command.json()).toEqual({ type: 4, data: { content: 'received APPLICATION_COMMAND i1' } })
    const forged = await post(handle, discordSigner, { body: '{"id":"i1","type":2}' }, (body) => `${body} `)
    expect(forged.status).toBe(401)
  })
})

describe('sendgrid', async () => {
  const { receiver, bounced } = await import('./examples/sendgrid.js')

  it('handles each bounce of a batch, and refuses a tampered batch', async () => {
    const body = JSON.stringify([
      { event: 'bounce', email: 'a@example.com', sg_event_id: 'b-1' },
      { event: 'delivered', email: 'b@example.com', sg_event_id: 'd-1' },
      { event: 'bounce', email: 'c@example.com', sg_event_id: 'b-2' },
    ])
    const signed = await sendgridSigner.sign({ body })
    expect((await receiver.receive(received(signed))).status).toBeLessThan(300)
    const tampered = await receiver.receive(received(signed, { body: body.replace('b-2', 'b-3') }))
    expect(tampered.status).toBe(401)
    await receiver.close()
    expect(bounced.sort()).toEqual(['a@example.com', 'c@example.com'])
  })
})

describe('plaid', async () => {
  const { plaidWebhooks } = await import('./examples/plaid.js')
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = 'kid-1'
  const signer = plaid({ publicKey: () => undefined, secret: { ...(await exportJWK(privateKey)), kid } })
  const body = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"item-1"}'

  it('fetches a kid once, then verifies from what it kept', async () => {
    const fetched: string[] = []
    const handle = plaidWebhooks(async (id) => {
      fetched.push(id)
      return id === kid ? exportJWK(publicKey) : undefined
    })
    for (let i = 0; i < 2; i++) {
      const response = await post(handle, signer, { body })
      expect(await response.json()).toMatchObject({ type: 'ITEM.ERROR' })
    }
    expect(fetched).toEqual([kid])
    expect((await post(handle, signer, { body }, (text) => text.replace('item-1', 'item-2'))).status).toBe(
      401,
    )
  })
})

describe('tokens', async () => {
  const { gitlabProvider, postmarkProvider, basicProvider, tokenProvider } = await import(
    './examples/tokens.js'
  )

  it('each provider accepts what it signs and refuses another credential', async () => {
    const cases: [Provider, SignInput, { id?: string; type: string }][] = [
      [
        gitlabProvider,
        { body: '{"object_kind":"push"}', type: 'push', id: 'k-1' },
        { id: 'k-1', type: 'push' },
      ],
      [postmarkProvider, { body: '{"RecordType":"Delivery","MessageID":"m-1"}' }, { type: 'Delivery' }],
      [basicProvider, { body: '{"type":"invoice.paid"}', id: 'd-1' }, { id: 'd-1', type: 'invoice.paid' }],
      [
        tokenProvider,
        { body: '{"type":"INSERT","table":"orders","record":{"id":7}}' },
        { id: 'orders:INSERT:7', type: 'INSERT' },
      ],
    ]
    for (const [provider, input, expected] of cases) {
      const signed = await provider.sign(input)
      await expect(provider.verify(received(signed)).then((v) => provider.parse(v))).resolves.toMatchObject(
        expected,
      )
      const header = Object.keys(signed.headers).find((name) => /token|authorization/i.test(name))!
      const forged = { ...signed.headers, [header]: `${signed.headers[header]}x` }
      await expect(provider.verify(received(signed, { headers: forged }))).rejects.toMatchObject({
        status: 401,
      })
    }
  })
})

describe('standard-webhooks-senders (clerk)', async () => {
  const { handle, provider } = await import('./examples/clerk.js')

  it('accepts what Clerk signs, with svix-* headers, and refuses a tampered body', async () => {
    const response = await post(handle, provider, { body: '{"type":"user.created"}', id: 'msg_1' })
    expect(await response.json()).toEqual({ id: 'msg_1', type: 'user.created' })
    expect((await post(handle, provider, { body: '{"type":"user.created"}' }, (b) => `${b} `)).status).toBe(
      401,
    )
  })
})
