// allowFrom on every adapter, through real loopback sockets of each family: the client address each
// adapter resolves is what the guard checks, and a refused address never reaches the provider's verify.
import { createReceiver, github, type Provider } from '@hookgate/core'
import { allowFrom } from '@hookgate/guard'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { adapters, post, secret, start } from './servers.js'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()))
})

/** A receiver whose provider's `verify` is a spy, behind `allowFrom(ranges)`. */
function guarded(ranges: readonly string[]) {
  const real = github({ secret })
  const verify = vi.fn(real.verify.bind(real))
  const receiver = createReceiver({ provider: { ...real, verify } as Provider, guards: [allowFrom(ranges)] })
  receiver.on('push', async () => {})
  open.push(receiver)
  return { receiver, verify }
}

const families = [
  ['IPv4', '127.0.0.1'],
  ['IPv6', '::1'],
  ['IPv4-mapped IPv6', '::ffff:127.0.0.1'],
] as const

describe.each(adapters)('allowFrom on %s', (adapter) => {
  it.each(families)('lets an %s peer in the ranges through', async (_, host) => {
    const { receiver, verify } = guarded(['127.0.0.0/8', '::1/128'])
    const server = await start(adapter, receiver, host)
    open.push(server)
    expect(await post(server)).toMatchObject({ status: 202, body: { code: 'accepted' } })
    expect(verify).toHaveBeenCalledTimes(1)
  })

  it.each(families)('refuses an %s peer outside them with 403, before any HMAC', async (_, host) => {
    const { receiver, verify } = guarded(['192.0.2.0/24', '2001:db8::/32'])
    const server = await start(adapter, receiver, host)
    open.push(server)
    const answer = await post(server)
    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden_address' } })
    expect(answer.body.message).toMatch(host === '::1' ? /::1 is not in/ : /127\.0\.0\.1 is not in/)
    expect(verify).not.toHaveBeenCalled()
  })
})
