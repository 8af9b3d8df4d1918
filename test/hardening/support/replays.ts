// Captured valid deliveries sent again later, on a clock the test moves (the provider's and the store's).
// What SECURITY.md promises: with the default window (the provider's retry horizon, never shorter than the
// 5-minute tolerance) a replay is a duplicate while its signature is fresh and stale after; a window set
// shorter than the tolerance opens a gap; GitHub signs no timestamp, so only the window protects it.
import { type Duration, memoryStore, toMs } from '@hookgate/core'
import { expect, vi } from 'vitest'
import { framed, headerValue, replaced } from './case.js'
import { type Delivery, type ProviderName, providerNamed, type Sender, signedDelivery } from './providers.js'
import type { Session } from './session.js'
import { type Driver, startTarget, type Target } from './targets.js'

interface Context {
  driver: Driver
  session: Session
}

export interface ReplayScenario {
  name: string
  run(context: Context): Promise<void>
}

/** A target whose provider and store read `clock.ms`, and a way to send a delivery to it. */
async function clocked({ driver, session }: Context, name: ProviderName, dedupWindow?: Duration) {
  const clock = { ms: Date.now() }
  const provider = providerNamed(name)
  const now = () => clock.ms
  const target = await startTarget(driver, provider, session.capture, {
    providerOptions: { now },
    receiver: { store: memoryStore({ now }), ...(dedupWindow ? { dedupWindow, lease: '10s' } : {}) },
  })
  const capture = () => signedDelivery(provider, { timestamp: Math.floor(clock.ms / 1000) })
  const send = (delivery: Delivery, expected: Parameters<Session['expectRight']>[3]) =>
    session.expectRight(target, driver.name, framed(delivery.headers, delivery.body), expected)
  return { clock, provider, target, capture, send }
}

/** Waits for the handler of an accepted delivery, then checks how many ran in all. */
const handledTimes = (target: Target, times: number) =>
  vi.waitFor(() => expect(target.handled).toHaveLength(times))

/** Advances the clock to `ms` after the delivery was signed. */
const at = (clock: { ms: number }, delivery: Delivery, ms: number) => {
  clock.ms = delivery.timestamp * 1000 + ms
}

const tolerance = toMs('5m', 'tolerance')

function withinToleranceThenStale(name: ProviderName): ReplayScenario {
  return {
    name: `${name}: replayed within the tolerance it is a duplicate (default window), after it a stale signature`,
    async run(context) {
      const { clock, target, capture, send, provider } = await clocked(context, name)
      try {
        const delivery = await capture()
        await send(delivery, { accept: ['accepted'] })
        await handledTimes(target, 1)
        at(clock, delivery, tolerance - 1000)
        await send(delivery, { accept: ['duplicate'] })
        at(clock, delivery, tolerance + 1000)
        await send(delivery, { reject: ['timestamp_too_old'] })
        // Freshening the timestamp breaks the signature: the replay cannot be revived.
        await send(freshened(provider, delivery, Math.floor(clock.ms / 1000)), {
          reject: ['invalid_signature'],
        })
        expect(target.handled).toHaveLength(1)
      } finally {
        await target.close()
      }
    },
  }
}

/** The captured delivery with its timestamp rewritten to `seconds`, signature untouched. */
function freshened(provider: Sender, delivery: Delivery, seconds: number): Delivery {
  const headers =
    provider.name === 'stripe'
      ? replaced(
          delivery.headers,
          'stripe-signature',
          headerValue(delivery.headers, 'stripe-signature').replace(/^t=\d+/, `t=${seconds}`),
        )
      : replaced(delivery.headers, 'webhook-timestamp', String(seconds))
  return { ...delivery, headers }
}

export const replayScenarios: ReplayScenario[] = [
  withinToleranceThenStale('stripe'),
  withinToleranceThenStale('standard-webhooks'),
  {
    name: 'stripe: a dedupWindow set shorter than the tolerance lets a replay in between (why the default is the retry horizon)',
    async run(context) {
      const { clock, target, capture, send } = await clocked(context, 'stripe', '1m')
      try {
        const delivery = await capture()
        await send(delivery, { accept: ['accepted'] })
        await handledTimes(target, 1)
        at(clock, delivery, toMs('2m', 'at'))
        await send(delivery, { accept: ['accepted'] })
        await handledTimes(target, 2)
      } finally {
        await target.close()
      }
    },
  },
  {
    name: 'github: no signed timestamp, so a replay is a duplicate within the 3-day window and new after it',
    async run(context) {
      const { clock, target, capture, send } = await clocked(context, 'github')
      try {
        const delivery = await capture()
        await send(delivery, { accept: ['accepted'] })
        await handledTimes(target, 1)
        at(clock, delivery, toMs('3d', 'at') - toMs('1m', 'at'))
        await send(delivery, { accept: ['duplicate'] })
        at(clock, delivery, toMs('3d', 'at') + toMs('1m', 'at'))
        await send(delivery, { accept: ['accepted'] })
        await handledTimes(target, 2)
      } finally {
        await target.close()
      }
    },
  },
]
