import { createHmac } from 'node:crypto'
import { ExitCode, run, samplePayload } from '@hookgate/cli'
import { verify as verifyGithub } from '@octokit/webhooks-methods'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { Webhook as SvixWebhook } from 'svix'
import twilio from 'twilio'
import { describe, expect, it } from 'vitest'
import { fakeTerminal } from './fake-terminal.js'

/** Runs `hookgate sign` with `body` on stdin; the `Name: value` lines it prints, as a header object. */
async function sign(argv: string[], body: string) {
  const fake = fakeTerminal({ stdin: body })
  const code = await run(['sign', ...argv], fake.terminal)
  expect(fake.stderr()).toBe('')
  expect(code).toBe(ExitCode.ok)
  const headers: Record<string, string> = {}
  for (const line of fake.stdout().trimEnd().split('\n')) {
    const colon = line.indexOf(': ')
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 2)
  }
  return headers
}

const json = (provider: string, type: string) => JSON.stringify(samplePayload(provider, type))

describe("`hookgate sign` output verifies with the providers' own libraries", () => {
  it('stripe: constructEvent accepts it', async () => {
    const secret = 'whsec_cli_interop'
    const body = json('stripe', 'invoice.paid')
    const headers = await sign(['--provider', 'stripe', '--secret', secret], body)
    const event = new Stripe('sk_test_unused').webhooks.constructEvent(
      body,
      headers['stripe-signature']!,
      secret,
    )
    expect(event.type).toBe('invoice.paid')
  })

  it('github: @octokit/webhooks-methods verify accepts it, with the delivery id and event headers', async () => {
    const secret = "It's a Secret to Everybody"
    const body = json('github', 'issues.opened')
    const headers = await sign(
      [
        '--provider',
        'github',
        '--secret',
        secret,
        '--id',
        'f5a1c2d3-0000-4000-8000-000000000001',
        '--type',
        'issues.opened',
      ],
      body,
    )
    expect(await verifyGithub(secret, body, headers['x-hub-signature-256']!)).toBe(true)
    expect(headers['x-github-delivery']).toBe('f5a1c2d3-0000-4000-8000-000000000001')
    expect(headers['x-github-event']).toBe('issues')
  })

  it('standard webhooks: both standardwebhooks and svix verify it', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const body = json('standard-webhooks', 'user.created')
    const headers = await sign(
      ['--provider', 'standard-webhooks', '--secret', secret, '--id', 'msg_cli_1'],
      body,
    )
    expect(new StandardWebhook(secret).verify(body, headers)).toMatchObject({ type: 'user.created' })
    expect(new SvixWebhook(secret).verify(body, headers)).toMatchObject({ type: 'user.created' })
    expect(headers['webhook-id']).toBe('msg_cli_1')
  })

  it('twilio: validateRequest accepts a signed form post for the given URL', async () => {
    const secret = '12345'
    const url = 'https://example.com/twilio/sms?tenant=7'
    const params = samplePayload('twilio', 'message.received') as Record<string, string>
    const body = new URLSearchParams(params).toString()
    const headers = await sign(['--provider', 'twilio', '--secret', secret, '--url', url], body)
    expect(twilio.validateRequest(secret, headers['x-twilio-signature']!, url, params)).toBe(true)
  })

  it('shopify: the base64 HMAC-SHA256 of the body, as Shopify documents it', async () => {
    const secret = 'shpss_cli_interop'
    const body = json('shopify', 'orders/create')
    const headers = await sign(['--provider', 'shopify', '--secret', secret, '--type', 'orders/create'], body)
    expect(headers['x-shopify-hmac-sha256']).toBe(createHmac('sha256', secret).update(body).digest('base64'))
    expect(headers['x-shopify-topic']).toBe('orders/create')
  })

  it('slack: v0= hex HMAC-SHA256 of v0:{timestamp}:{body}, as Slack documents it', async () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5'
    const body = json('slack', 'app_mention')
    const headers = await sign(['--provider', 'slack', '--secret', secret, '--timestamp', '1531420618'], body)
    expect(headers['x-slack-request-timestamp']).toBe('1531420618')
    const expected = createHmac('sha256', secret).update(`v0:1531420618:${body}`).digest('hex')
    expect(headers['x-slack-signature']).toBe(`v0=${expected}`)
  })

  it('--json prints the headers as an object, with HOOKGATE_SECRET as the secret', async () => {
    const body = json('stripe', 'invoice.paid')
    const fake = fakeTerminal({ stdin: body, env: { HOOKGATE_SECRET: 'whsec_from_env' } })
    expect(
      await run(['sign', '--provider', 'stripe', '--json', '--timestamp', '1700000000'], fake.terminal),
    ).toBe(0)
    const { headers } = JSON.parse(fake.stdout())
    const stripeSignature = Object.entries(headers).find(
      ([name]) => name.toLowerCase() === 'stripe-signature',
    )![1]
    const event = new Stripe('sk_test_unused').webhooks.constructEvent(
      body,
      String(stripeSignature),
      'whsec_from_env',
      1e9,
    )
    expect(event.type).toBe('invoice.paid')
    expect(stripeSignature).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/)
    expect(fake.stdout()).not.toContain('whsec_from_env')
  })
})
