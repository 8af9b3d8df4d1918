// allowFrom through receive(): addresses in the ranges (IPv4, IPv6, IPv4-mapped IPv6) reach the provider,
// any other, and a request without a usable address, get 403 forbidden_address before `verify` runs.
import { createReceiver } from '@hookgate/core'
import { allowFrom, GuardOptionError } from '@hookgate/guard'
import { afterEach, describe, expect, it } from 'vitest'
import { delivery, spyProvider } from './spy-provider.js'

const receivers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

function receiverWith(guard: ReturnType<typeof allowFrom>) {
  const provider = spyProvider()
  const receiver = createReceiver({ provider, guards: [guard] })
  receiver.on('push', async () => {})
  receivers.push(receiver)
  return { receiver, provider }
}

const ranges = ['192.30.252.0/22', '2606:50c0::/32', '3.18.12.63']

describe('allowFrom', () => {
  it.each([
    ['an IPv4 address in a CIDR', '192.30.253.7'],
    ['an IPv4 address listed alone', '3.18.12.63'],
    ['an IPv6 address in a CIDR', '2606:50c0:8000::154'],
    ['an IPv4-mapped IPv6 address of an IPv4 range', '::ffff:192.30.252.1'],
  ])('lets %s through to the provider', async (_, address) => {
    const { receiver, provider } = receiverWith(allowFrom(ranges))
    const outcome = await receiver.receive(await delivery(address))
    expect(outcome.status).toBe(202)
    expect(provider.verify).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['an IPv4 address outside every range', '203.0.113.9', /203\.0\.113\.9 is not in the allowlist/],
    ['an IPv6 address outside every range', '2001:db8::1', /2001:db8::1 is not in/],
    ['an IPv4-mapped IPv6 address outside', '::ffff:203.0.113.9', /203\.0\.113\.9 is not in/],
    ['a request without an address', undefined, /no client address: configure its trust proxy/],
    ['an address that is no IP', '203.0.113.9, 10.0.0.1', /is not an IP address/],
  ])('refuses %s with 403 forbidden_address, before any hashing', async (_, address, message) => {
    const { receiver, provider } = receiverWith(allowFrom({ ranges, name: 'the allowlist' }))
    const outcome = await receiver.receive(await delivery(address))
    expect(outcome.status).toBe(403)
    expect(outcome.code).toBe('forbidden_address')
    expect(JSON.parse(outcome.body).message).toMatch(message)
    expect(provider.verify).not.toHaveBeenCalled()
  })

  it('takes IPv4-mapped IPv6 ranges as the IPv4 range they cover', async () => {
    const { receiver } = receiverWith(allowFrom(['::ffff:198.51.100.0/120']))
    expect((await receiver.receive(await delivery('198.51.100.200'))).status).toBe(202)
    expect((await receiver.receive(await delivery('198.51.101.1'))).status).toBe(403)
  })

  it('names its list in the refusal, and swaps its ranges on update()', async () => {
    const guard = allowFrom({ ranges: ['10.0.0.0/8'], name: 'GitHub hooks' })
    const { receiver } = receiverWith(guard)
    const refused = await receiver.receive(await delivery('192.0.2.1'))
    expect(JSON.parse(refused.body).message).toBe('the client address 192.0.2.1 is not in GitHub hooks')
    guard.update(['192.0.2.0/24'])
    expect((await receiver.receive(await delivery('192.0.2.1'))).status).toBe(202)
    expect((await receiver.receive(await delivery('10.1.2.3'))).status).toBe(403)
    expect(() => guard.update(['192.0.2.0/33'])).toThrow(GuardOptionError)
    expect((await receiver.receive(await delivery('192.0.2.1'))).status).toBe(202)
  })

  it('refuses a range it cannot read when it is created, naming it', () => {
    expect(() => allowFrom(['10.0.0.0/8', 'github'])).toThrow(
      'allowFrom: ranges[1] ("github") is not an IPv4 or IPv6 address or CIDR',
    )
    expect(() => allowFrom({ ranges: '10.0.0.0/8' as never })).toThrow(GuardOptionError)
  })

  it('is counted as a rejection by the hooks', async () => {
    const rejected: string[] = []
    const receiver = createReceiver({
      provider: spyProvider(),
      guards: [allowFrom(ranges)],
      hooks: { onRejected: ({ outcome }) => rejected.push(outcome.code) },
    })
    receivers.push(receiver)
    await receiver.receive(await delivery('203.0.113.9'))
    expect(rejected).toEqual(['forbidden_address'])
  })
})
