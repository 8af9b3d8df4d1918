import { sanity, verifyWebhook } from '@hookgate/core'
import { encodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { describe, expect, it } from 'vitest'
import { rejectionOf } from '../helpers.js'

const secret = 'sanity_secret'
const body = JSON.stringify({ _id: 'movie_1', _type: 'movie', title: 'Alien' })

describe('sanity', () => {
  it('verifies what the toolkit signs, with the idempotency key and operation headers', async () => {
    const header = await encodeSignatureHeader(body, Date.now(), secret)
    const headers = {
      'sanity-webhook-signature': header,
      'idempotency-key': 'idem-7',
      'sanity-operation': 'update',
    }
    const event = await verifyWebhook(sanity({ secret }), { headers, body })
    expect(event).toMatchObject({ id: 'idem-7', type: 'update', providerName: 'sanity' })
  })

  it('signs what isValidSignature accepts', async () => {
    const signed = await sanity({ secret }).sign({ body })
    await expect(isValidSignature(body, signed.headers['sanity-webhook-signature']!, secret)).resolves.toBe(
      true,
    )
  })

  it('refuses an hour-old signature, which the toolkit (checking no age) accepts', async () => {
    const header = await encodeSignatureHeader(body, Date.now() - 3_600_000, secret)
    await expect(isValidSignature(body, header, secret)).resolves.toBe(true)
    const error = await rejectionOf(
      sanity({ secret }).verify({ headers: { 'sanity-webhook-signature': header }, body }),
    )
    expect(error.code).toBe('timestamp_too_old')
  })
})
