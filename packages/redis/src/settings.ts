import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Connection, RedisConnectionOptions } from './options.js'

export interface RedisQueueOptions extends RedisConnectionOptions {
  /** The consumer group every worker of this namespace joins. Default `'hookgate'`. */
  group?: string
  /**
   * This worker's name in the group. Keep it stable across restarts (e.g. the pod or host name) so a restarted
   * worker resumes its own unfinished jobs at once instead of waiting `reclaimAfter`.
   * Default `<hostname>-<pid>-<random>`.
   */
  consumer?: string
  /** Milliseconds a blocking read waits; due retries are moved back at least this often. Default 1000. */
  block?: number
  /**
   * Milliseconds a job may sit unacknowledged with a silent worker before another worker takes it over
   * (`XAUTOCLAIM`). Running jobs are heartbeated every third of it, so a worker loses its jobs only once it
   * has been silent that long: dead, or alive but frozen (a long GC pause, a suspended VM, a handler
   * blocking the event loop). The worker that takes a job over also takes its claim, with a greater fence:
   * the frozen one can no longer complete it, and its handlers' `ctx.signal` aborts when it wakes up, but
   * what they did meanwhile stays done (see `ctx.fence`). Default 60000.
   */
  reclaimAfter?: number
  /**
   * Told about worker-loop failures the loop outlives (Redis unreachable, slow or restarting); it backs off
   * and carries on. A failure it cannot outlive stops it instead: `consume()` rejects with
   * `ConsumerFailedError`. Default `console.warn`.
   */
  onError?: (error: unknown) => void
}

/** The resolved options the worker loop runs with. */
export interface QueueSettings {
  connection: Connection
  group: string
  consumer: string
  block: number
  reclaimAfter: number
  onError: (error: unknown) => void
}

/** The queue options with their defaults. */
export function queueSettings(options: RedisQueueOptions, connection: Connection): QueueSettings {
  return {
    connection,
    group: options.group ?? 'hookgate',
    consumer: options.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    block: positive(options.block ?? 1_000, 'block'),
    reclaimAfter: positive(options.reclaimAfter ?? 60_000, 'reclaimAfter'),
    onError: options.onError ?? ((error) => console.warn('[hookgate/redis] worker:', error)),
  }
}

function positive(value: number, name: string): number {
  if (Number.isFinite(value) && value > 0) return value
  throw new TypeError(`${name} must be a positive number of milliseconds, got ${String(value)}`)
}
