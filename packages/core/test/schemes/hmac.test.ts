import { createHmac } from 'node:crypto'
import { hmac, verifyWebhook } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { clockAt, received, rejectionOf } from './helpers.js'

const now = 1_760_000_000
const body = '{"event":"order.paid","ref":"o-1"}'

describe('hmac(): any other sender', () => {
  it('defaults to hex HMAC-SHA256 of the body, type from the payload or "webhook", a 3-day window', async () => {
    const provider = hmac({ header: 'X-Signature', secret: 's' })
    expect(provider).toMatchObject({ name: 'hmac', retryHorizon: 3 * 86_400_000 })
    const signature = createHmac('sha256', 's').update(body).digest('hex')
    const event = await verifyWebhook(provider, { headers: { 'x-signature': signature }, body })
    expect(event).toMatchObject({ type: 'webhook', id: undefined, providerName: 'hmac' })
    expect((await provider.sign({ body })).headers['X-Signature']).toBe(signature)
  })

  it('signs a template of timestamp, id and body, with a signature prefix, base64 and sha512 (a Paddle-like sender)', async () => {
    const provider = hmac({
      name: 'acme',
      header: 'Acme-Signature',
      signaturePrefix: 'v1=',
      algorithm: 'sha512',
      encoding: 'base64',
      secret: ['new', 'old'],
      signedContent: '{id}:{timestamp}:{body}',
      timestamp: 'Acme-Timestamp',
      id: 'Acme-Delivery',
      type: 'Acme-Event',
      retryHorizon: '12h',
      now: clockAt(now),
    })
    expect(provider.retryHorizon).toBe(12 * 3_600_000)
    const expected = createHmac('sha512', 'old').update(`d-1:${now}:${body}`).digest('base64')
    const headers = {
      'Acme-Signature': `v1=${expected}`,
      'Acme-Timestamp': String(now),
      'Acme-Delivery': 'd-1',
      'Acme-Event': 'order.paid',
    }
    const verified = await provider.verify({ headers, body })
    expect(verified).toMatchObject({ id: 'd-1', type: 'order.paid', timestamp: new Date(now * 1000) })
    const signed = await provider.sign({ body, id: 'd-1', type: 'order.paid' })
    expect(signed.headers).toMatchObject({
      'Acme-Delivery': 'd-1',
      'Acme-Event': 'order.paid',
      'Acme-Timestamp': String(now),
    })
    expect(signed.headers['Acme-Signature']).toBe(
      `v1=${createHmac('sha512', 'new').update(`d-1:${now}:${body}`).digest('base64')}`,
    )
    const stale = await provider.sign({ body, id: 'd-1', type: 'x', timestamp: now - 3600 })
    expect(await rejectionOf(provider.verify(received(stale)))).toMatchObject({ code: 'timestamp_too_old' })
  })

  it('takes id and type from functions of the parsed payload', async () => {
    const provider = hmac({
      header: 'x-sig',
      secret: 's',
      id: ({ payload }) => (payload as { ref: string }).ref,
      type: ({ payload, headers }) => `${(payload as { event: string }).event}@${headers['x-region']}`,
    })
    const signed = await provider.sign({ body })
    const event = await verifyWebhook(
      provider,
      received(signed, { headers: { ...signed.headers, 'x-region': 'eu' } }),
    )
    expect(event).toMatchObject({ id: 'o-1', type: 'order.paid@eu' })
  })

  it('signs the absolute URL with {url} (a Square-like sender), or the parts a function returns', async () => {
    const url = 'https://example.com/hooks/square'
    const square = hmac({
      header: 'x-square-hmacsha256-signature',
      encoding: 'base64',
      secret: 'k',
      signedContent: '{url}{body}',
    })
    const signature = createHmac('sha256', 'k')
      .update(url + body)
      .digest('base64')
    await expect(
      square.verify({ url, headers: { 'x-square-hmacsha256-signature': signature }, body }),
    ).resolves.toBeDefined()
    const relative = await rejectionOf(
      square.verify({ url: '/hooks/square', headers: { 'x-square-hmacsha256-signature': signature }, body }),
    )
    expect(relative.message).toMatch(/absolute URL/)

    const custom = hmac({ header: 'x-sig', secret: 'k', signedContent: ({ body: raw }) => ['prefix|', raw] })
    const expected = createHmac('sha256', 'k').update(`prefix|${body}`).digest('hex')
    await expect(custom.verify({ headers: { 'x-sig': expected }, body })).resolves.toBeDefined()
  })

  it('refuses unsafe or impossible configurations when built', () => {
    const base = { header: 'x-sig', secret: 's' }
    expect(() => hmac({ ...base, timestamp: 'x-ts' })).toThrow(/only safe when signed/)
    expect(() => hmac({ ...base, signedContent: '{timestamp}.{body}' })).toThrow(/only safe when signed/)
    expect(() => hmac({ ...base, signedContent: '{id}.{body}' })).toThrow(/header name/)
    expect(() => hmac({ ...base, signedContent: '{ts}.{body}' })).toThrow(/unknown placeholder/)
    expect(() => hmac({ ...base, signedContent: '{timestamp}' })).toThrow(/\{body\}/)
    expect(() => hmac({ ...base, algorithm: 'md5' as 'sha1' })).toThrow(/algorithm/)
    expect(() => hmac({ ...base, tolerance: '5 minutes' as '5m' })).toThrow(/tolerance/)
    expect(() => hmac({ ...base, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/)
  })

  it('requires the type header when one is named', async () => {
    const provider = hmac({ header: 'x-sig', secret: 's', type: 'x-event' })
    await expect(provider.sign({ body })).rejects.toThrow(/input.type/)
    const signed = await provider.sign({ body, type: 'a' })
    const { 'x-event': _, ...headers } = signed.headers
    expect(await rejectionOf(provider.verify(received(signed, { headers })))).toMatchObject({
      code: 'missing_header',
    })
  })
})
