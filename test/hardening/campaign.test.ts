// The hostile-input campaign: every request goes over a real loopback socket to each adapter (Express,
// Hono on @hono/node-server, Fastify) serving a real receiver. Ends with the table of verdicts, the zeros
// it must show, and a scan of everything the code under attack said for secrets and expected signatures.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { bodyCases } from './cases/bodies.js'
import { headerCases } from './cases/headers.js'
import { type Case, campaignBodyTimeoutMs } from './support/case.js'
import { fuzzDelivery, fuzzTimeLimitMs } from './support/fuzz.js'
import { measureGrowth } from './support/memory.js'
import {
  expectedSignature,
  type ProviderName,
  providerNamed,
  providers,
  signedDelivery,
} from './support/providers.js'
import { type BodyStep, chunk } from './support/raw-http.js'
import { replayScenarios } from './support/replays.js'
import { Session } from './support/session.js'
import { drivers, startTarget, type Target } from './support/targets.js'

const session = new Session()
const { capture, ledger } = session

beforeAll(() => {
  // Whatever anything prints (Express's default error handler, a stray console.warn) is captured for the scan.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args) => capture.add(`console.${method}`, args))
})

afterAll(() => {
  vi.restoreAllMocks()
  console.log(`\nhostile-input campaign over real sockets\n\n${ledger.table()}\n`)
  const total = ledger.totals()
  expect(total.tried).toBeGreaterThan(0)
  expect({
    crashes: total.crashes,
    wronglyAccepted: total.wronglyAccepted,
    unexpected: total.unexpected,
  }).toEqual({
    crashes: 0,
    wronglyAccepted: 0,
    unexpected: 0,
  })
  expect(capture.size).toBeGreaterThanOrEqual(total.tried)
  expect(capture.leaks()).toEqual([])
})

/** The bytes a case writes, for the signature it would have needed (chunk framing included; harmless). */
const bytesOf = (body: readonly BodyStep[] = []) =>
  Buffer.concat(
    body.flatMap((step) => (typeof step === 'object' && 'wait' in step ? [] : [Buffer.from(step)])),
  )

describe.each(drivers)('$name: hostile requests', (driver) => {
  const targets = new Map<ProviderName, Target>()
  beforeAll(async () => {
    for (const provider of providers)
      targets.set(
        provider.name,
        await startTarget(driver, provider, capture, { adapter: { bodyTimeout: campaignBodyTimeoutMs } }),
      )
  })
  afterAll(async () => {
    await Promise.all([...targets.values()].map((target) => target.close()))
  })

  it.each([...bodyCases, ...headerCases])('$name', async (c: Case) => {
    const provider = providerNamed(c.provider)
    const target = targets.get(c.provider)!
    const delivery = await signedDelivery(provider)
    const sent = await c.request(delivery, provider)
    if (c.expect.reject?.includes('invalid_signature'))
      capture.sensitive(await expectedSignature(provider, delivery, bytesOf(sent.body)))
    const answer = await session.expectRight(target, driver.name, sent, c.expect)
    await c.check?.({ answer, target, delivery })
  })

  it('still serves a valid delivery after all of that', async () => {
    for (const provider of providers) {
      const target = targets.get(provider.name)!
      const delivery = await signedDelivery(provider)
      await session.expectRight(
        target,
        driver.name,
        {
          headers: [...delivery.headers, ['content-length', String(delivery.body.length)]],
          body: [delivery.body],
        },
        { accept: ['accepted'] },
      )
    }
  })
})

describe.each(drivers)('$name: replays', (driver) => {
  it.each(replayScenarios)('$name', async (scenario) => {
    await scenario.run({ driver, session })
  })
})

describe.each(drivers)(
  '$name: slow senders are cut off by the adapter, whatever the server allows',
  (driver) => {
    let target: Target
    beforeAll(async () => {
      target = await startTarget(driver, providerNamed('stripe'), capture, {
        adapter: { bodyTimeout: campaignBodyTimeoutMs },
      })
      // A server configured to wait forever: no request timeout, a generous header timeout.
      target.server.requestTimeout = 0
      target.server.headersTimeout = 120_000
      target.server.timeout = 0
    })
    afterAll(() => target.close())

    it('a body trickling one byte every 20 ms gets 408 at the body timeout', async () => {
      const delivery = await signedDelivery(providerNamed('stripe'))
      const trickle = [...delivery.body].flatMap((byte) => [{ wait: 20 }, Uint8Array.of(byte)])
      const answer = await session.expectRight(
        target,
        `${driver.name}`,
        { headers: [...delivery.headers, ['content-length', String(delivery.body.length)]], body: trickle },
        { reject: ['request_timeout'] },
      )
      expect(answer.ms).toBeGreaterThanOrEqual(campaignBodyTimeoutMs - 20)
      expect(answer.ms).toBeLessThan(campaignBodyTimeoutMs + 1000)
    })

    it('headers, then silence: 408 at the body timeout', async () => {
      const delivery = await signedDelivery(providerNamed('stripe'))
      const answer = await session.expectRight(
        target,
        `${driver.name}`,
        { headers: [...delivery.headers, ['content-length', '100']] },
        { reject: ['request_timeout'] },
      )
      expect(answer.ms).toBeLessThan(campaignBodyTimeoutMs + 1000)
    })

    it('a chunked body whose chunks stall: 408 at the body timeout', async () => {
      const delivery = await signedDelivery(providerNamed('stripe'))
      const stalling = [chunk('{"id":'), { wait: 60_000 }]
      const answer = await session.expectRight(
        target,
        `${driver.name}`,
        { headers: [...delivery.headers, ['transfer-encoding', 'chunked']], body: stalling },
        { reject: ['request_timeout'] },
      )
      expect(answer.ms).toBeLessThan(campaignBodyTimeoutMs + 1000)
    })
  },
)

describe.each(drivers)('$name: memory stays flat under oversized bodies', (driver) => {
  it('60 bodies of up to 3 MiB against the 1 MiB limit: all 413, bounded growth', async () => {
    const target = await startTarget(driver, providerNamed('stripe'), capture)
    try {
      const block = Buffer.alloc(64 * 1024, 'x')
      const oversized = async () => {
        const delivery = await signedDelivery(providerNamed('stripe'))
        await session.expectRight(
          target,
          driver.name,
          {
            headers: [...delivery.headers, ['transfer-encoding', 'chunked']],
            body: Array.from({ length: 48 }, () => chunk(block)),
            maxWrite: 3 * 1024 * 1024,
          },
          { reject: ['payload_too_large'] },
        )
      }
      const growth = await measureGrowth(oversized, { warmup: 5, runs: 60 })
      capture.add('memory', { adapter: driver.name, growth })
      // 60 requests buffering 1 MiB each would be 60 MiB; what stays must be noise.
      expect(growth.heapAndExternal).toBeLessThan(16 * 1024 * 1024)
      expect(growth.rss).toBeLessThan(96 * 1024 * 1024)
    } finally {
      await target.close()
    }
  })
})

describe.each(drivers)('$name: fuzzed deliveries', (driver) => {
  it.each(['stripe', 'standard-webhooks'] as const)(
    '%s: random mutations of valid deliveries',
    { timeout: fuzzTimeLimitMs * 3 },
    async (name) => {
      const provider = providerNamed(name)
      const target = await startTarget(driver, provider, capture, {
        adapter: { bodyTimeout: campaignBodyTimeoutMs },
      })
      try {
        await fuzzDelivery({ provider, target, session, label: `${driver.name} fuzz` })
      } finally {
        await target.close()
      }
    },
  )
})
