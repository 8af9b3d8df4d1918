// X-Forwarded-For through real sockets, the peer being 127.0.0.1: a forged header from an untrusted
// peer is ignored on every adapter; from a trusted proxy (the framework's own setting, or @hookgate/node's
// trustedProxies) its nearest untrusted hop is the client address.
import { createReceiver, github } from '@hookgate/core'
import { allowFrom } from '@hookgate/guard'
import { afterEach, describe, expect, it } from 'vitest'
import { type AdapterName, adapters, post, secret, start } from './servers.js'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()))
})

async function serverFor(adapter: AdapterName, trustLoopback: boolean) {
  const receiver = createReceiver({
    provider: github({ secret }),
    guards: [allowFrom(['192.0.2.0/24'])],
  })
  receiver.on('push', async () => {})
  open.push(receiver)
  const server = await start(adapter, receiver, '127.0.0.1', { trustLoopback })
  open.push(server)
  return server
}

describe.each(adapters)('%s', (adapter) => {
  it('ignores a forged X-Forwarded-For from an untrusted peer', async () => {
    const server = await serverFor(adapter, false)
    const answer = await post(server, { 'x-forwarded-for': '192.0.2.7' })
    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden_address' } })
    expect(answer.body.message).toMatch(/127\.0\.0\.1 is not in/)
  })
})

describe.each(['express', 'fastify', 'node'] as const)('%s behind a trusted proxy', (adapter) => {
  it('takes the client address from X-Forwarded-For', async () => {
    const server = await serverFor(adapter, true)
    expect(await post(server, { 'x-forwarded-for': '192.0.2.7' })).toMatchObject({ status: 202 })
  })

  it('reads it right to left: a hop the client forged before the proxy is not believed', async () => {
    const server = await serverFor(adapter, true)
    // The client sent "192.0.2.7" itself; the trusted proxy appended the address it saw, 203.0.113.5.
    const answer = await post(server, { 'x-forwarded-for': '192.0.2.7, 203.0.113.5' })
    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden_address' } })
    expect(answer.body.message).toMatch(/203\.0\.113\.5 is not in/)
  })
})
