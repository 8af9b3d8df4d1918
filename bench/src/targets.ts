import type { Framework, RouteName } from './http/protocol.js'
import { floorRows } from './micro/floor.js'
import type { MicroResult } from './micro/harness.js'
import { hookgateRows } from './micro/hookgate.js'
import { peerRows } from './micro/peers.js'
import { type BenchResults, isSkipped, type TargetResult } from './results.js'

const KiB = 1024
const ratio = (x: number) => `${x.toFixed(2)}x`

type Results = Omit<BenchResults, 'targets' | 'durationSeconds'>

/** The median ns/op of a micro row, or undefined when this run did not measure it. */
function nsOf(micro: MicroResult[], name: string, size: number): number | undefined {
  return micro.find((row) => row.name === name && row.size === size)?.ns.median
}

/** The worst (largest) of per-provider values, named. */
function worst(values: { provider: string; value: number }[]) {
  return values.reduce((a, b) => (b.value > a.value ? b : a))
}

/**
 * The issue's targets, each with what this run measured and whether it is met. They are printed, never
 * asserted: a noisy machine can miss one, and the table says by how much.
 */
export function evaluateTargets(
  results: Results,
  providers: readonly { name: string; idInHeader: boolean }[],
) {
  const targets: TargetResult[] = []
  const add = (target: string, measured: string, met: boolean | undefined) =>
    targets.push({ target, measured, met })
  const notMeasured = (target: string, why: string) => add(target, `not measured: ${why}`, undefined)

  if (isSkipped(results.micro)) {
    notMeasured('micro targets', results.micro.skipped)
  } else {
    const micro = results.micro
    const size = 2 * KiB
    const floorParse = nsOf(micro, floorRows.hmacParse, size)
    const perProvider = (row: (p: string) => string, s: number, over: number | undefined) =>
      providers.flatMap((p) => {
        const ns = nsOf(micro, row(p.name), s)
        return ns === undefined || over === undefined ? [] : [{ provider: p.name, value: ns / over }]
      })

    const verifyParse = perProvider(hookgateRows.verifyParse, size, floorParse)
    if (verifyParse.length === 0) notMeasured('verify + parse, 2 KiB', 'no 2 KiB rows')
    else {
      const w = worst(verifyParse)
      add(
        'verify + parse, 2 KiB: <= 1.15x (floor + JSON.parse), every provider',
        `${ratio(w.value)} (worst: ${w.provider})`,
        w.value <= 1.15,
      )
    }

    const ours = (provider: string) => nsOf(micro, hookgateRows.verifyParse(provider), size)
    const standard = ours('standard-webhooks')
    const peerStandard = Math.min(
      nsOf(micro, peerRows.standardWebhooks, size) ?? Number.POSITIVE_INFINITY,
      nsOf(micro, peerRows.svix, size) ?? Number.POSITIVE_INFINITY,
    )
    if (standard !== undefined && Number.isFinite(peerStandard)) {
      add(
        'verify + parse, 2 KiB: >= 2.8x faster than standardwebhooks / svix (the faster of the two)',
        `${ratio(peerStandard / standard)} faster`,
        peerStandard / standard >= 2.8,
      )
    }
    const stripe = ours('stripe')
    const peerStripe = nsOf(micro, peerRows.stripe, size)
    if (stripe !== undefined && peerStripe !== undefined) {
      add(
        'verify + parse, 2 KiB: >= 1.15x faster than stripe constructEvent',
        `${ratio(peerStripe / stripe)} faster`,
        peerStripe / stripe >= 1.15,
      )
    }

    const large = 256 * KiB
    const largeFloor = nsOf(micro, floorRows.hmac, large)
    const largeVerify = perProvider(hookgateRows.verify, large, largeFloor)
    if (largeVerify.length === 0)
      notMeasured('large bodies scale like the floor', 'no 256 KiB rows in this profile')
    else {
      const w = worst(largeVerify)
      add(
        'verify, 256 KiB: scales like the floor (<= 1.15x the floor at 256 KiB: native hashing)',
        `${ratio(w.value)} (worst: ${w.provider})`,
        w.value <= 1.15,
      )
    }

    const receive = perProvider(hookgateRows.first, size, floorParse)
    if (receive.length > 0) {
      const w = worst(receive)
      add(
        'receive() with the memory store, 2 KiB, first delivery: <= 1.6x (floor + JSON.parse), every provider',
        `${ratio(w.value)} (worst: ${w.provider})`,
        w.value <= 1.6,
      )
    }

    // Each provider's instrumented row over its own plain row: the instrumentation's cost alone.
    const instrumented = providers.flatMap((p) => {
      const plain = nsOf(micro, hookgateRows.first(p.name), size)
      return perProvider(hookgateRows.firstInstrumented, size, plain).filter((r) => r.provider === p.name)
    })
    if (instrumented.length > 0) {
      const w = worst(instrumented)
      add(
        'receive() with @hookgate/otel and no SDK, 2 KiB, first delivery: <= 1.03x without it, every provider',
        `${ratio(w.value)} (worst: ${w.provider})`,
        w.value <= 1.03,
      )
    }

    const duplicates = providers
      .filter((p) => p.idInHeader)
      .flatMap((p) => {
        const first = nsOf(micro, hookgateRows.first(p.name), size)
        const duplicate = nsOf(micro, hookgateRows.duplicate(p.name), size)
        return first === undefined || duplicate === undefined
          ? []
          : [{ provider: p.name, value: duplicate / first }]
      })
    if (duplicates.length > 0) {
      add(
        'duplicates (id in a header) answered faster than first deliveries, 2 KiB',
        duplicates.map((d) => `${d.provider} ${ratio(d.value)} of first`).join(', '),
        duplicates.every((d) => d.value < 1),
      )
    }
  }

  if (isSkipped(results.http)) {
    notMeasured('HTTP targets', results.http.skipped)
  } else {
    const http = results.http
    const row = (framework: Framework, route: RouteName) =>
      http.find((r) => r.framework === framework && r.route === route)
    const minShare: Record<Framework, number> = { fastify: 0.8, hono: 0.8, express: 0.9 }
    // The ceiling of any verifying route, for context: the share the hand-written floor itself reaches.
    const floorShare = (framework: Framework) => {
      const floor = row(framework, 'floor-verify')
      return floor ? ` (the verified floor itself: ${floor.shareOfJson.toFixed(2)})` : ''
    }
    for (const framework of ['fastify', 'hono', 'express'] as const) {
      const r = row(framework, 'hookgate-memory')
      if (!r) continue
      add(
        `HTTP ${framework}, memory store: >= ${minShare[framework].toFixed(2)} of the bare JSON route's req/s, p99 <= 1.5x`,
        `${r.shareOfJson.toFixed(2)} of req/s${floorShare(framework)}, p99 ${ratio(r.p99OverJson)}${r.failures ? `, ${r.failures} failed requests` : ''}`,
        r.shareOfJson >= minShare[framework] && r.p99OverJson <= 1.5 && r.failures === 0,
      )
    }
    for (const framework of ['fastify', 'hono'] as const) {
      const r = row(framework, 'hookgate-redis')
      if (!r) {
        notMeasured(`HTTP ${framework}, Redis store + queue`, 'no Redis route (Redis unreachable)')
        continue
      }
      add(
        `HTTP ${framework}, Redis store + queue: >= 0.50 of the bare JSON route's req/s`,
        `${r.shareOfJson.toFixed(2)}${floorShare(framework)}${r.failures ? `, ${r.failures} failed requests` : ''}`,
        r.shareOfJson >= 0.5 && r.failures === 0,
      )
    }
  }

  if (isSkipped(results.redis)) {
    notMeasured('Redis round trips', results.redis.skipped)
  } else {
    const trips = results.redis.roundTrips
    add(
      'Redis store + queue: exactly one round trip per new delivery',
      `${trips.writesPerDelivery} socket writes, ${trips.commandsPerDelivery} commands (${Object.keys(trips.commands).join(', ')}) per delivery`,
      trips.writesPerDelivery === 1 && trips.commandsPerDelivery === 1,
    )
  }

  if (isSkipped(results.memory)) {
    notMeasured('memory store bytes per id', results.memory.skipped)
  } else {
    add(
      'memory store: <= 200 bytes per remembered id',
      `${Math.round(results.memory.bytesPerId)} bytes (${results.memory.ids.toLocaleString('en-US')} ids)`,
      results.memory.bytesPerId <= 200,
    )
  }
  return targets
}
