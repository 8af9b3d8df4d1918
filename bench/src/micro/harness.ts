import { Bench } from 'tinybench'
import type { Profile } from '../profile.js'
import { type Repeated, rotate, summarize } from '../stats.js'

/**
 * One micro benchmark row. `run` is timed call by call (sync or awaited one at a time); `next`, when given,
 * runs untimed before each call, e.g. to prepare a fresh delivery so first deliveries are never duplicates.
 */
export interface MicroTask {
  /** Which table block the row belongs to: the physical floor, a peer library, or hookgate. */
  group: 'floor' | 'peer' | 'hookgate'
  name: string
  /** Body size in bytes. */
  size: number
  run: () => unknown
  next?: () => void | Promise<void>
  /** Runs once before the first timed call: fails fast (e.g. a signature that does not verify). */
  check?: () => unknown
}

export interface MicroResult {
  group: MicroTask['group']
  name: string
  size: number
  /** Median per-call latency, ns: the median over repetitions of each repetition's median. */
  ns: Repeated
  /** Timed calls, summed over repetitions. */
  samples: number
}

/**
 * Runs every task `profile.microReps` times, alternating: each repetition runs all tasks once, in an order
 * rotated by one, so drift (thermal, a neighbour's load, GC pressure building up) spreads over all rows
 * instead of landing on whichever ran last.
 */
export async function runMicro(tasks: readonly MicroTask[], profile: Profile): Promise<MicroResult[]> {
  for (const task of tasks) await task.check?.()
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
      bench.add(`${task.group}:${task.name}:${task.size}`, task.run, { beforeEach: task.next })
    }
    await bench.run()
    bench.tasks.forEach((benchTask, i) => {
      const result = benchTask.result
      if (!('latency' in result)) throw new Error(`${benchTask.name} did not complete: ${result.state}`)
      const entry = perTask.get(order[i]!)!
      entry.ns.push(result.latency.p50 * 1e6)
      entry.samples += result.latency.samplesCount
    })
  }
  return tasks.map((task) => {
    const { ns, samples } = perTask.get(task)!
    return { group: task.group, name: task.name, size: task.size, ns: summarize(ns), samples }
  })
}
