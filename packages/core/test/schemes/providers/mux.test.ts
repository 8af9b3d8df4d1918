import { createHmac } from 'node:crypto'
import { mux, verifyWebhook } from '@hookgate/core'
import Mux from '@mux/mux-node'
import { describe, expect, it } from 'vitest'

const secret = 'mux_wh_secret'
const body = JSON.stringify({ id: 'mux-evt-1', type: 'video.asset.ready', data: { id: 'asset_1' } })
const sdk = new Mux({ tokenId: 'unused', tokenSecret: 'unused', webhookSecret: secret })

describe('mux', () => {
  it('verifies a Mux-Signature made as Mux documents it', async () => {
    const t = Math.floor(Date.now() / 1000)
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    const headers = { 'mux-signature': `t=${t},v1=${v1}` }
    await expect(sdk.webhooks.unwrap(body, headers)).resolves.toMatchObject({ type: 'video.asset.ready' })
    const event = await verifyWebhook(mux({ secret }), { headers, body })
    expect(event).toMatchObject({ id: 'mux-evt-1', type: 'video.asset.ready', providerName: 'mux' })
  })

  it('signs what webhooks.unwrap accepts', async () => {
    const signed = await mux({ secret }).sign({ body })
    await expect(sdk.webhooks.unwrap(body, signed.headers)).resolves.toMatchObject({ id: 'mux-evt-1' })
  })
})
