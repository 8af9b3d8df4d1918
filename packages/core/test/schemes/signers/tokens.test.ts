import * as nodeCore from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { loadCoreOnWebCrypto, received, rejectionOf } from '../helpers.js'

// Senders that authenticate with a static credential: no signature and no timestamp, so what is proven
// is the credential's constant-time match, rotation, and the ids and types each sender uses.
const web = await loadCoreOnWebCrypto()
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  describe('gitlab', () => {
    const provider = core.gitlab({ secret: ['new-token', 'old-token'] })
    const body = JSON.stringify({ object_kind: 'merge_request', object_attributes: { iid: 1 } })
    const headers = {
      'X-Gitlab-Token': 'old-token',
      'X-Gitlab-Event': 'Merge Request Hook',
      'X-Gitlab-Event-UUID': 'uuid-1',
      'Content-Type': 'application/json',
    }

    it('accepts any rotated token; id from Idempotency-Key, else the event UUID; type from object_kind', async () => {
      expect(await core.verifyWebhook(provider, { headers, body })).toMatchObject({
        id: 'uuid-1',
        type: 'merge_request',
        providerName: 'gitlab',
      })
      const withKey = { ...headers, 'Idempotency-Key': 'idem-1' }
      expect(await core.verifyWebhook(provider, { headers: withKey, body })).toMatchObject({ id: 'idem-1' })
      const systemHook = JSON.stringify({ event_name: 'project_create' })
      expect(await core.verifyWebhook(provider, { headers, body: systemHook })).toMatchObject({
        type: 'project_create',
      })
    })

    it('rejects another token, a prefix of it and one byte more (401); a missing token is 400', async () => {
      for (const token of ['other-token', 'old-toke', 'old-tokenX', 'Old-token']) {
        const error = await rejectionOf(
          provider.verify({ headers: { ...headers, 'X-Gitlab-Token': token }, body }),
        )
        expect(error.status, token).toBe(401)
        expect(error.message).not.toContain('old-token')
      }
      const { 'X-Gitlab-Token': _token, ...without } = headers
      expect((await rejectionOf(provider.verify({ headers: without, body }))).code).toBe('missing_header')
    })

    it('signs with the first token and the event header GitLab writes', async () => {
      const signed = await provider.sign({ body, type: 'merge_request', id: 'idem-2' })
      expect(signed.headers).toMatchObject({
        'X-Gitlab-Token': 'new-token',
        'X-Gitlab-Event': 'Merge Request Hook',
        'Idempotency-Key': 'idem-2',
      })
      const job = await provider.sign({ body: '{"object_kind":"build"}', type: 'build' })
      expect(job.headers['X-Gitlab-Event']).toBe('Job Hook')
      await expect(provider.verify(received(signed))).resolves.toMatchObject({ id: 'idem-2' })
    })
  })

  describe('postmark', () => {
    const provider = core.postmark({ username: 'hooks', password: ['n3w', 'p@ss:word'] })
    const bounce = JSON.stringify({ RecordType: 'Bounce', ID: 42, MessageID: 'm-1', Type: 'HardBounce' })
    const open = JSON.stringify({ RecordType: 'Open', MessageID: 'm-1', ReceivedAt: '2026-12-01T10:00:00Z' })
    const inbound = JSON.stringify({ MessageID: 'm-2', From: 'a@example.com' })

    it('accepts the URL credentials as Basic auth, any password while rotating (the scheme in any case)', async () => {
      for (const authorization of [basic('hooks:p@ss:word'), basic('hooks:n3w').replace('Basic', 'basic')]) {
        await expect(
          core.verifyWebhook(provider, { headers: { authorization }, body: bounce }),
        ).resolves.toMatchObject({ type: 'Bounce', id: 'Bounce:m-1:42', providerName: 'postmark' })
      }
    })

    it('names each open of a message on its own, and inbound messages by their MessageID', async () => {
      const headers = { authorization: basic('hooks:n3w') }
      expect(await core.verifyWebhook(provider, { headers, body: open })).toMatchObject({
        type: 'Open',
        id: 'Open:m-1:2026-12-01T10:00:00Z',
      })
      expect(await core.verifyWebhook(provider, { headers, body: inbound })).toMatchObject({
        type: 'Inbound',
        id: 'Inbound:m-2',
      })
    })

    it('rejects another user or password (401) and anything but Basic (400)', async () => {
      for (const authorization of [basic('hooks:wrong'), basic('other:n3w'), basic('hooks:n3w ')]) {
        expect(
          (await rejectionOf(provider.verify({ headers: { authorization }, body: bounce }))).status,
        ).toBe(401)
      }
      const bearer = { authorization: 'Bearer n3w' }
      expect((await rejectionOf(provider.verify({ headers: bearer, body: bounce }))).code).toBe(
        'malformed_header',
      )
    })

    it('signs what it verifies, and refuses a user name with a colon', async () => {
      const signed = await provider.sign({ body: bounce })
      expect(signed.headers.Authorization).toBe(basic('hooks:n3w'))
      await expect(provider.verify(received(signed))).resolves.toBeDefined()
      expect(() => core.postmark({ username: 'a:b', password: 'x' })).toThrow(/username/)
      expect(() => core.postmark({ username: 'a', password: [] })).toThrow(/postmark: password is required/)
    })
  })

  describe('basicAuth', () => {
    it('takes a name, an id header and a type function; non-ASCII passwords are UTF-8', async () => {
      const provider = core.basicAuth({
        name: 'okta',
        username: 'hook',
        password: 'pässwörd',
        id: 'X-Delivery',
        type: ({ payload }) => (payload as { eventType?: string }).eventType,
      })
      const headers = { authorization: basic('hook:pässwörd'), 'x-delivery': 'd-1' }
      expect(
        await core.verifyWebhook(provider, { headers, body: '{"eventType":"user.created"}' }),
      ).toMatchObject({
        id: 'd-1',
        type: 'user.created',
        providerName: 'okta',
      })
      const latin1 = `Basic ${Buffer.from('hook:pässwörd', 'latin1').toString('base64')}`
      const error = await rejectionOf(
        provider.verify({ headers: { ...headers, authorization: latin1 }, body: '{}' }),
      )
      expect(error.code).toBe('invalid_signature')
    })
  })

  describe('token', () => {
    it('reads Authorization: Bearer by default, and a custom header as the bare token', async () => {
      const bearer = core.token({ token: ['t1', 't2'] })
      const body = '{"type":"row.inserted","id":"r1"}'
      expect(
        await core.verifyWebhook(bearer, { headers: { authorization: 'Bearer t2' }, body }),
      ).toMatchObject({
        type: 'row.inserted',
        providerName: 'token',
      })
      expect(
        (await rejectionOf(bearer.verify({ headers: { authorization: 'Bearer t3' }, body }))).status,
      ).toBe(401)
      expect((await rejectionOf(bearer.verify({ headers: { authorization: 't2' }, body }))).code).toBe(
        'malformed_header',
      )
      const custom = core.token({
        name: 'auth0',
        header: 'X-Hook-Token',
        token: 's3cret',
        id: ({ payload }) => (payload as { id: string }).id,
      })
      const signed = await custom.sign({ body })
      expect(signed.headers['X-Hook-Token']).toBe('s3cret')
      expect(await core.verifyWebhook(custom, received(signed))).toMatchObject({
        id: 'r1',
        providerName: 'auth0',
      })
      expect((await rejectionOf(custom.verify({ headers: { 'x-hook-token': 's3cre' }, body }))).status).toBe(
        401,
      )
      expect(() => core.token({ token: '' })).toThrow(/token: token is required/)
    })
  })
})
