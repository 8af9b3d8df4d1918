import {
  createReceiver,
  hmac,
  memoryStore,
  type Provider,
  StoreUnavailableError,
  type WebhookEvent,
} from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { bodyOf, quiet, until } from './helpers.js'

const secret = 'handshake-batch-secret'
const base = hmac({ secret, header: 'x-signature', signaturePrefix: 'sha256=' })

/** A sender with a GET challenge (echo `challenge` when the token matches) and array bodies of events. */
const sender: Provider = {
  ...base,
  methods: ['GET'],
  handshake(request) {
    const url = new URL(request.url ?? '/', 'http://receiver.test')
    const challenge = url.searchParams.get('challenge')
    if (request.method !== 'GET' || challenge === null) return undefined
    if (url.searchParams.get('token') !== 'expected')
      return { status: 403, headers: {} as Record<string, string>, body: '' }
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: challenge }
  },
  split(event: WebhookEvent) {
    if (!Array.isArray(event.payload)) return undefined
    return event.payload.map((item: { id: string; type: string }) => ({
      ...event,
      id: item.id,
      type: item.type,
      payload: item,
    }))
  },
}

function receiverWith(options: { handled?: (event: WebhookEvent) => void } = {}) {
  const receiver = createReceiver({ provider: sender, logger: quiet, retry: { attempts: 1 } })
  receiver.on('item.created', (event) => options.handled?.(event))
  return receiver
}

async function batch(items: { id: string; type: string; n?: number }[]) {
  const body = JSON.stringify(items)
  const signed = await base.sign({ body })
  return { method: 'POST', url: '/hook', headers: signed.headers, body }
}

describe('handshakes', () => {
  it('answers a GET challenge before any verification, and never reaches handlers', async () => {
    const handled = vi.fn()
    const receiver = receiverWith({ handled })
    const answer = await receiver.receive({
      method: 'GET',
      url: '/hook?challenge=abc123&token=expected',
      headers: {},
      body: '',
    })
    expect([answer.status, answer.code, answer.body, answer.headers['content-type']]).toEqual([
      200,
      'challenge',
      'abc123',
      'text/plain',
    ])
    const refused = await receiver.receive({
      method: 'GET',
      url: '/hook?challenge=x&token=no',
      headers: {},
      body: '',
    })
    expect(refused.status).toBe(403)
    expect(handled).not.toHaveBeenCalled()
    await receiver.close()
  })

  it('refuses a GET that is no handshake with 405, listing the methods the provider uses', async () => {
    const receiver = receiverWith()
    const answer = await receiver.receive({ method: 'GET', url: '/hook', headers: {}, body: '' })
    expect([answer.status, answer.headers.allow]).toEqual([405, 'POST, GET'])
    const put = await receiver.receive({ method: 'PUT', url: '/hook', headers: {}, body: '' })
    expect(put.status).toBe(405)
    await receiver.close()
  })
})

describe('a delivery of several events', () => {
  it('dedups and hands off each item on its own, and lists them in the answer', async () => {
    const handled: string[] = []
    const receiver = receiverWith({ handled: (event) => handled.push(event.id!) })
    const first = await receiver.receive(
      await batch([
        { id: 'a', type: 'item.created' },
        { id: 'b', type: 'item.created' },
      ]),
    )
    expect(first.status).toBe(202)
    expect(bodyOf(first)).toEqual({
      ok: true,
      code: 'accepted',
      items: [
        { id: 'a', code: 'accepted' },
        { id: 'b', code: 'accepted' },
      ],
    })
    // A retry that shares one item hands off only the new one.
    const second = await receiver.receive(
      await batch([
        { id: 'b', type: 'item.created' },
        { id: 'c', type: 'item.created' },
      ]),
    )
    expect(bodyOf(second).items).toEqual([
      { id: 'b', code: 'duplicate' },
      { id: 'c', code: 'accepted' },
    ])
    await until(() => expect(handled.sort()).toEqual(['a', 'b', 'c']))
    const again = await receiver.receive(await batch([{ id: 'a', type: 'item.created' }]))
    expect([again.status, again.code]).toEqual([200, 'duplicate'])
    await receiver.close()
  })

  it('fingerprints each item by its own payload: a reused id with other content is a conflict', async () => {
    const receiver = receiverWith()
    await receiver.receive(await batch([{ id: 'x', type: 'item.created', n: 1 }]))
    const reused = await receiver.receive(
      await batch([
        { id: 'y', type: 'item.created' },
        { id: 'x', type: 'item.created', n: 2 },
      ]),
    )
    expect(reused.status).toBe(409)
    expect(bodyOf(reused)).toMatchObject({
      code: 'id_conflict',
      items: [
        { id: 'y', code: 'accepted' },
        { id: 'x', code: 'id_conflict' },
      ],
    })
    await receiver.close()
  })

  it('answers 503 when the store fails mid-batch; the retry hands off only what was not', async () => {
    const handled: string[] = []
    const store = memoryStore()
    const claim = store.claim.bind(store)
    let claims = 0
    const flaky = Object.assign(Object.create(store), {
      claim: (...args: Parameters<typeof claim>) => {
        if (++claims === 2) throw new StoreUnavailableError('down')
        return claim(...args)
      },
    })
    const receiver = createReceiver({ provider: sender, logger: quiet, store: flaky })
    receiver.on('item.created', (event) => {
      handled.push(event.id!)
    })
    const delivery = await batch([
      { id: 'p', type: 'item.created' },
      { id: 'q', type: 'item.created' },
    ])
    const refused = await receiver.receive(delivery)
    expect([refused.status, refused.headers['retry-after']]).toEqual([503, '5'])
    const retried = await receiver.receive(delivery)
    expect(bodyOf(retried).items).toEqual([
      { id: 'p', code: 'duplicate' },
      { id: 'q', code: 'accepted' },
    ])
    await until(() => expect(handled.sort()).toEqual(['p', 'q']))
    await receiver.close()
  })
})
