import { createReceiver, memoryStore } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectRedis, wipe } from '../../redis/test/redis.js'
import { type FailureRateInfo, InstrumentOptionError, instrument, type SilentInfo } from '../src/index.js'
import { freshId, provider, quiet, signed, until } from './support/deliveries.js'
import { sum, telemetry } from './support/telemetry.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const step of cleanup.splice(0)) await step()
})

const hour = 3_600_000

function setup(options: Parameters<typeof instrument>[1], store = memoryStore(), namespace?: string) {
  const otel = telemetry()
  const receiver = createReceiver({ provider: provider(), store, logger: quiet, namespace })
  receiver.on('*', async () => {})
  const instrumented = instrument(receiver, { ...otel, ...options })
  cleanup.push(async () => {
    instrumented.stop()
    await receiver.close()
    await otel.shutdown()
  })
  return { otel, receiver, instrumented }
}

describe('the silence watch', () => {
  it('fires once when a sender that delivered is silent for silentFor, again only after it delivered', async () => {
    vi.useFakeTimers()
    const silent: SilentInfo[] = []
    const { otel, receiver } = setup({ watch: { silentFor: '2h' }, onSilent: (info) => silent.push(info) })
    // Never delivered: nothing to miss.
    await vi.advanceTimersByTimeAsync(3 * hour)
    expect(silent).toEqual([])

    const firstAt = Date.now()
    await receiver.receive(await signed(freshId()))
    await vi.advanceTimersByTimeAsync(hour + 50 * 60_000)
    expect(silent).toEqual([])
    await vi.advanceTimersByTimeAsync(11 * 60_000)
    expect(silent).toEqual([
      { providerName: 'stripe', type: undefined, lastSeenAt: firstAt, silentForMs: expect.any(Number) },
    ])
    expect(silent[0]!.silentForMs).toBeGreaterThanOrEqual(2 * hour)
    await vi.advanceTimersByTimeAsync(5 * hour)
    expect(silent).toHaveLength(1) // once per silence

    let points = await otel.collect()
    expect(sum(points, 'hookgate.alerts', { 'hookgate.alert': 'silence' })).toBe(1)
    expect(sum(points, 'hookgate.watch.silence')).toBeGreaterThanOrEqual(7 * 3600)

    await receiver.receive(await signed(freshId()))
    await vi.advanceTimersByTimeAsync(2 * hour + 2 * 60_000)
    expect(silent).toHaveLength(2)
    points = await otel.collect()
    expect(sum(points, 'hookgate.alerts', { 'hookgate.alert': 'silence' })).toBe(2)
  })

  it('per type: a type that stops is noticed while others keep arriving; a forged request is no delivery', async () => {
    vi.useFakeTimers()
    const silent: SilentInfo[] = []
    const { receiver } = setup({
      watch: [{ silentFor: '1h', type: 'invoice.paid' }, { silentFor: '1h' }],
      onSilent: (info) => silent.push(info),
    })
    await receiver.receive(await signed(freshId(), 'invoice.paid'))
    for (let i = 0; i < 8; i++) {
      await vi.advanceTimersByTimeAsync(10 * 60_000)
      await receiver.receive(await signed(freshId(), 'customer.created'))
      await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_forged' }))
    }
    expect(silent.map((info) => info.type)).toEqual(['invoice.paid'])
  })

  it('two receivers of one provider on one store (namespaces apart) keep their own watch', async () => {
    vi.useFakeTimers()
    const store = memoryStore()
    const silent: string[] = []
    const watch = (account: string) =>
      setup(
        { watch: { silentFor: '1h', checkEvery: '1m' }, onSilent: () => silent.push(account) },
        store,
        account,
      )
    const busy = watch('acct_busy')
    const stopped = watch('acct_stopped')
    expect(busy.instrumented.watches[0]!.key).toBe('hookgate-watch:acct_busy:stripe:*')
    expect(stopped.instrumented.watches[0]!.key).toBe('hookgate-watch:acct_stopped:stripe:*')
    await stopped.receiver.receive(await signed(freshId()))
    // One account keeps delivering; the other's endpoint was disabled: its silence must not be masked.
    for (let minute = 0; minute < 90; minute += 10) {
      await busy.receiver.receive(await signed(freshId()))
      await vi.advanceTimersByTimeAsync(10 * 60_000)
    }
    expect(silent).toEqual(['acct_stopped'])
  })

  describe('on a shared Redis store', () => {
    const prefix = `otel-alerts-${process.pid}`
    let client: Awaited<ReturnType<typeof connectRedis>>
    beforeAll(async () => {
      client = await connectRedis()
      await wipe(client, prefix)
    })
    afterAll(async () => {
      await wipe(client, prefix)
      client.disconnect()
    })

    it("an instance that receives nothing does not fire while another instance's sender delivers", async () => {
      vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
      const quietOnes: SilentInfo[] = []
      const backend = () => redis({ client, prefix })
      const busy = setup({ watch: { silentFor: '1h', checkEvery: '1m' } }, backend().store)
      setup(
        { watch: { silentFor: '1h', checkEvery: '1m' }, onSilent: (info) => quietOnes.push(info) },
        backend().store,
      )
      for (let minute = 0; minute < 90; minute += 10) {
        await busy.receiver.receive(await signed(freshId()))
        vi.advanceTimersByTime(10 * 60_000)
        await new Promise((resolve) => setTimeout(resolve, 20)) // the checks' Redis reads
      }
      expect(quietOnes).toEqual([])
      vi.advanceTimersByTime(61 * 60_000)
      await until(() => expect(quietOnes).toHaveLength(1))
      expect(Number(await client.get(`{${prefix}}:seen:hookgate-watch:stripe:*`))).toBe(
        quietOnes[0]!.lastSeenAt,
      )
    })
  })

  it('checks its options early, naming the option', () => {
    const receiver = createReceiver({ provider: provider(), logger: quiet })
    cleanup.push(() => receiver.close())
    expect(() => instrument(receiver, { watch: { silentFor: 'soon' as never } })).toThrow(
      new InstrumentOptionError('watch.silentFor', "must be a duration such as '2h', got soon"),
    )
    expect(() => instrument(receiver, { watch: [{ silentFor: 0 }] })).toThrow(
      /watch\[0\]\.silentFor must be longer than 0/,
    )
    expect(() => instrument(receiver, { failureRate: { threshold: 2 } })).toThrow(/failureRate\.threshold/)
  })
})

describe('the failure-rate signal', () => {
  it('a spike of invalid_signature fires once, then again after the share fell back', async () => {
    vi.useFakeTimers()
    const fired: FailureRateInfo[] = []
    const { otel, receiver } = setup({
      failureRate: { window: '5m', threshold: 0.5, minCount: 10 },
      onFailureRate: (info) => fired.push(info),
    })
    for (let i = 0; i < 10; i++) await receiver.receive(await signed(freshId()))
    // A rotated secret: every delivery from now on is refused.
    for (let i = 0; i < 9; i++)
      await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_old' }))
    expect(fired).toEqual([])
    await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_old' }))
    expect(fired).toEqual([
      {
        providerName: 'stripe',
        code: 'invalid_signature',
        rate: 0.5,
        count: 10,
        total: 20,
        windowMs: 300_000,
      },
    ])
    for (let i = 0; i < 5; i++)
      await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_old' }))
    expect(fired).toHaveLength(1)
    expect(sum(await otel.collect(), 'hookgate.alerts', { 'hookgate.alert': 'failure_rate' })).toBe(1)

    // The window slides past the spike: the share falls to 0, and a new spike fires again.
    await vi.advanceTimersByTimeAsync(6 * 60_000)
    expect(
      sum(await otel.collect(), 'hookgate.failure.ratio', { 'hookgate.outcome.code': 'invalid_signature' }),
    ).toBe(0)
    for (let i = 0; i < 10; i++) await receiver.receive(await signed(freshId()))
    for (let i = 0; i < 10; i++)
      await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_old' }))
    expect(fired).toHaveLength(2)
  })

  it('failed attempts as handler_failed, over the attempts run', async () => {
    const fired: FailureRateInfo[] = []
    const otel = telemetry()
    const receiver = createReceiver({ provider: provider(), logger: quiet, retry: { attempts: 1 } })
    receiver.on('invoice.paid', async () => {
      throw new Error('down')
    })
    instrument(receiver, {
      ...otel,
      failureRate: { minCount: 3, threshold: 0.9 },
      onFailureRate: (info) => fired.push(info),
    })
    cleanup.push(async () => {
      await receiver.close()
      await otel.shutdown()
    })
    for (let i = 0; i < 3; i++) await receiver.receive(await signed(freshId()))
    await until(() =>
      expect(fired.map((info) => [info.code, info.count, info.total])).toEqual([['handler_failed', 3, 3]]),
    )
  })

  it("fires without an SDK too (the API's no-op meter, whose metrics are skipped)", async () => {
    const fired: FailureRateInfo[] = []
    const receiver = createReceiver({ provider: provider(), logger: quiet })
    receiver.on('invoice.paid', async () => {})
    const instrumented = instrument(receiver, {
      failureRate: { minCount: 4, threshold: 0.5 },
      onFailureRate: (info) => fired.push(info),
    })
    cleanup.push(async () => {
      instrumented.stop()
      await receiver.close()
    })
    for (let i = 0; i < 2; i++) await receiver.receive(await signed(freshId()))
    for (let i = 0; i < 2; i++)
      await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_old' }))
    expect(fired.map((info) => [info.code, info.count, info.total])).toEqual([['invalid_signature', 2, 4]])
  })
})
