import { createHmac } from 'node:crypto'
import { paddle, verifyWebhook } from '@hookgate/core'
import { Paddle } from '@paddle/paddle-node-sdk'
import { describe, expect, it } from 'vitest'
import { rejectionOf } from '../helpers.js'

// Paddle's SDK reads the real clock and allows 5 s, so these deliveries are signed just now.
const body = JSON.stringify({
  event_id: 'evt_01hv',
  event_type: 'transaction.completed',
  occurred_at: '2026-12-01T00:00:00Z',
  data: { id: 'txn_01' },
})
const h1 = (secret: string, ts: number) => createHmac('sha256', secret).update(`${ts}:${body}`).digest('hex')
const nowSeconds = () => Math.floor(Date.now() / 1000)
// Constructing the client is what installs the SDK's crypto runtime.
const sdk = new Paddle('pdl_sdbx_apikey_unused').webhooks

describe('paddle', () => {
  it('verifies what node:crypto signs as Paddle does, with every h1 of a rotation tried', async () => {
    const ts = nowSeconds()
    const provider = paddle({ secret: 'pdl_old' })
    // Paddle's SDK keeps only the last h1: with the new key's h1 last, it would refuse the old key.
    const header = `ts=${ts};h1=${h1('pdl_old', ts)};h1=${h1('pdl_new', ts)}`
    await expect(sdk.isSignatureValid(body, 'pdl_old', header)).resolves.toBe(false)
    const event = await verifyWebhook(provider, { headers: { 'Paddle-Signature': header }, body })
    expect(event).toMatchObject({ id: 'evt_01hv', type: 'transaction.completed', providerName: 'paddle' })
  })

  it('signs what the SDK verifies', async () => {
    const signed = await paddle({ secret: 'pdl_key' }).sign({ body })
    const header = signed.headers['Paddle-Signature']!
    expect(header).toMatch(/^ts=\d+;h1=[0-9a-f]{64}$/)
    await expect(sdk.isSignatureValid(body, 'pdl_key', header)).resolves.toBe(true)
    await expect(sdk.isSignatureValid(body, 'pdl_other', header)).resolves.toBe(false)
  })

  it('refuses a timestamp 5 s ahead, which the SDK (looking only backwards) accepts', async () => {
    const ts = nowSeconds() + 10
    const header = `ts=${ts};h1=${h1('pdl_key', ts)}`
    await expect(sdk.isSignatureValid(body, 'pdl_key', header)).resolves.toBe(true)
    const error = await rejectionOf(
      paddle({ secret: 'pdl_key' }).verify({ headers: { 'Paddle-Signature': header }, body }),
    )
    expect(error.code).toBe('timestamp_in_future')
    // The 5 s default is Paddle's; a wider tolerance is the user's call.
    await expect(
      paddle({ secret: 'pdl_key', tolerance: '1m' }).verify({
        headers: { 'Paddle-Signature': header },
        body,
      }),
    ).resolves.toBeDefined()
  })
})
