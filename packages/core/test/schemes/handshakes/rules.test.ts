import { createHmac } from 'node:crypto'
import { createReceiver, dropbox, meta, verifyWebhook, x, zoom } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { quiet, until } from '../../receiver/helpers.js'
import { rejectionOf } from '../helpers.js'
import { dropboxSecret, metaSecret, xSecret, zoomSecret } from './cases.js'

const get = (url: string) => ({ method: 'GET', url, headers: {}, body: '' })

describe('meta', () => {
  const provider = meta({ secret: metaSecret, verifyToken: 'meta-verify-token' })

  it('refuses the subscription GET with another verify token, and a GET that is no subscription', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    const wrong = await receiver.receive(
      get('/hook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444'),
    )
    expect([wrong.status, wrong.body.includes('1158201444')]).toEqual([401, false])
    const plain = await receiver.receive(get('/hook?hub.challenge=1158201444'))
    expect([plain.status, plain.headers.allow]).toEqual([405, 'POST, GET'])
    await receiver.close()
  })

  it('verifies a body signed with node:crypto; its id is the signature, its type object.field', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: '1', time: 2, changes: [{ field: 'feed', value: {} }] }],
    })
    const signature = `sha256=${createHmac('sha256', metaSecret).update(body).digest('hex')}`
    const event = await verifyWebhook(provider, { headers: { 'X-Hub-Signature-256': signature }, body })
    expect([event.id, event.type]).toEqual([signature, 'page.feed'])
    const mixed = JSON.stringify({
      object: 'page',
      entry: [{ changes: [{ field: 'feed' }, { field: 'mention' }] }],
    })
    const mixedSignature = `sha256=${createHmac('sha256', metaSecret).update(mixed).digest('hex')}`
    const headers = { 'X-Hub-Signature-256': mixedSignature }
    await expect(verifyWebhook(provider, { headers, body: mixed })).resolves.toMatchObject({ type: 'page' })
  })

  it('names verifyToken when it is missing', () => {
    expect(() => meta({ secret: metaSecret, verifyToken: '' })).toThrow(/verifyToken/)
  })
})

describe('zoom', () => {
  const provider = zoom({ secret: zoomSecret })
  const validation = JSON.stringify({
    payload: { plainToken: 'abc' },
    event_ts: 1,
    event: 'endpoint.url_validation',
  })

  it('answers no url_validation whose signature does not match', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    const signed = await provider.sign({ body: validation })
    const forged = { ...signed.headers, 'x-zm-signature': `v0=${'0'.repeat(64)}` }
    const outcome = await receiver.receive({ method: 'POST', headers: forged, body: validation })
    expect([outcome.status, outcome.code]).toEqual([401, 'invalid_signature'])
    await receiver.close()
  })

  it('verifies the raw bytes, pretty-printed ones too (Zoom’s library re-serializes and fails those)', async () => {
    const body = JSON.stringify(
      { event: 'meeting.ended', event_ts: 5, payload: { object: { uuid: 'u' } } },
      null,
      2,
    )
    const ts = String(Math.floor(Date.now() / 1000))
    const signature = `v0=${createHmac('sha256', zoomSecret).update(`v0:${ts}:${body}`).digest('hex')}`
    const headers = { 'x-zm-signature': signature, 'x-zm-request-timestamp': ts }
    await expect(verifyWebhook(provider, { headers, body })).resolves.toMatchObject({
      id: 'meeting.ended:5:u',
      type: 'meeting.ended',
    })
  })
})

describe('x', () => {
  it('verifies a base64 signature made with node:crypto and ids a delivery by it', async () => {
    const body = JSON.stringify({ for_user_id: '1', tweet_create_events: [{ id_str: '9' }] })
    const signature = `sha256=${createHmac('sha256', xSecret).update(body).digest('base64')}`
    const headers = { 'x-twitter-webhooks-signature': signature }
    const event = await verifyWebhook(x({ secret: xSecret }), { headers, body })
    expect([event.id, event.type]).toEqual([signature, 'tweet_create_events'])
    const hex = {
      'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', xSecret).update(body).digest('hex')}`,
    }
    expect((await rejectionOf(x({ secret: xSecret }).verify({ headers: hex, body }))).code).toBe(
      'invalid_signature',
    )
  })
})

describe('dropbox', () => {
  it('hands off two identical notifications both: each says only "look again"', async () => {
    const provider = dropbox({ secret: dropboxSecret })
    const receiver = createReceiver({ provider, logger: quiet })
    const handled = vi.fn()
    receiver.on('list_folder', handled)
    const body = JSON.stringify({ list_folder: { accounts: ['dbid:A'] } })
    const signature = createHmac('sha256', dropboxSecret).update(body).digest('hex')
    for (const _ of [1, 2]) {
      const outcome = await receiver.receive({
        method: 'POST',
        headers: { 'X-Dropbox-Signature': signature },
        body,
      })
      expect(outcome.status).toBe(202)
    }
    await until(() => expect(handled).toHaveBeenCalledTimes(2))
    await receiver.close()
  })
})
