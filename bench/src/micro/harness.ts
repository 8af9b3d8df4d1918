import { Bench } from 'tinybench'
import type { Profile } from '../profile.js'
import { type Repeated, rotate, summarize } from '../stats.js'

/**
 * One micro benchmark row. `run` is timed in batches of calls (each awaited before the next when it returns
 * a promise); `prepare`, when given, runs untimed before each batch and readies that many calls, e.g. signs
 * that many fresh deliveries so first deliveries are never duplicates.
 */
export interface MicroTask {
  /** Which table block the row belongs to: the physical floor, a peer library, or hookgate. */
  group: 'floor' | 'peer' | 'hookgate'
  name: string
  /** Body size in bytes. */
  size: number
  run: () => unknown
  prepare?: (calls: number) => void | Promise<void>
  /** Runs once before the first timed call: fails fast (e.g. a signature that does not verify). */
  check?: () => unknown
}

export interface MicroResult {
  group: MicroTask['group']
  name: string
  size: number
  /** Per-call latency, ns: the median over repetitions of each repetition's median batch, per call. */
  ns: Repeated
  /** Timed calls, summed over repetitions. */
  samples: number
}

/** How long one timed batch should take: long enough that the clock reads and the harness's own await per sample vanish. */
const batchNs = 1_000_000

/** Calls of `task.run` per timed batch, from the mean of a few untimed calls. */
async function batchSize(task: MicroTask): Promise<number> {
  const probe = 16
  await task.prepare?.(probe)
  const started = process.hrtime.bigint()
  for (let i = 0; i < probe; i++) await task.run()
  const perCall = Number(process.hrtime.bigint() - started) / probe
  return Math.max(1, Math.min(1_000, Math.round(batchNs / perCall)))
}

/** `calls` calls of `run`, a promise awaited before the next call, no await at all for synchronous ones. */
function batchOf(run: MicroTask['run'], calls: number): () => unknown {
  return async () => {
    for (let i = 0; i < calls; i++) {
      const result = run()
      if (result instanceof Promise) await result
    }
  }
}

/**
 * Runs every task `profile.microReps` times, alternating: each repetition runs all tasks once, in an order
 * rotated by one, so drift (thermal, a neighbour's load, GC pressure building up) spreads over all rows
 * instead of landing on whichever ran last. Each sample times a batch of calls (about 1 ms of them) rather
 * than one: timing a single call of a few microseconds measures the clock and the harness as much as the call.
 */
export async function runMicro(tasks: readonly MicroTask[], profile: Profile): Promise<MicroResult[]> {
  const batches = new Map<MicroTask, number>()
  for (const task of tasks) {
    await task.check?.()
    batches.set(task, await batchSize(task))
  }
  const perTask = new Map<MicroTask, { ns: number[]; samples: number }>(
    tasks.map((task) => [task, { ns: [], samples: 0 }]),
  )
  for (let rep = 0; rep < profile.microReps; rep++) {
    const bench = new Bench({
      time: profile.microTimeMs,
      warmupTime: profile.microWarmupMs,
      iterations: profile.microMinIterations,
      subtractTimerOverhead: true,
      throws: true,
    })
    const order = rotate(tasks, rep)
    for (const task of order) {
      const calls = batches.get(task)!
      const prepare = task.prepare
      bench.add(`${task.group}:${task.name}:${task.size}`, batchOf(task.run, calls), {
        beforeEach: prepare && (() => prepare(calls)),
      })
    }
    await bench.run()
    bench.tasks.forEach((benchTask, i) => {
      const result = benchTask.result
      if (!('latency' in result)) throw new Error(`${benchTask.name} did not complete: ${result.state}`)
      const calls = batches.get(order[i]!)!
      const entry = perTask.get(order[i]!)!
      entry.ns.push((result.latency.p50 * 1e6) / calls)
      entry.samples += result.latency.samplesCount * calls
    })
  }
  return tasks.map((task) => {
    const { ns, samples } = perTask.get(task)!
    return { group: task.group, name: task.name, size: task.size, ns: summarize(ns), samples }
  })
}
