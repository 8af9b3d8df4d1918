import { messageOf } from '../errors.js'
import {
  type AttemptResult,
  type ConsumeOptions,
  type DeadLetter,
  deadLetterListLimit,
  type HandoffQueue,
  type Job,
} from './queue.js'

export interface MemoryQueueOptions {
  /**
   * Dead letters kept; past it the oldest are dropped.
   * @default 1000
   */
  deadLetterLimit?: number
}

/**
 * The default handoff queue: jobs wait in this process, retries wait on timers that never keep the process
 * alive, dead letters sit in a bounded list. Fast and dependency-free, but nothing here survives a restart:
 * a crash loses acknowledged jobs and scheduled retries. Use a durable queue (`@hookgate/redis`) when that
 * matters.
 *
 * When consuming stops (`close()`), jobs already waiting still run before `consume` resolves, since they
 * have nowhere else to go; the receiver's close timeout bounds that. Scheduled retries do not.
 */
export function memoryQueue(options: MemoryQueueOptions = {}): HandoffQueue {
  return new MemoryQueue(options.deadLetterLimit ?? 1_000)
}

interface Consumer {
  attempt: (job: Job) => Promise<AttemptResult>
  concurrency: number
  signal: AbortSignal
  running: number
  /** Resolves `consume` once stopped and idle. */
  settle: () => void
}

class MemoryQueue implements HandoffQueue {
  readonly durable = false
  readonly #ready: Job[] = []
  /** When each job of `#ready` became ready, ms since the epoch, in the same order. */
  readonly #readyAt: number[] = []
  readonly #dead = new Map<string, DeadLetter>()
  readonly #deadLetterLimit: number
  #consumer: Consumer | undefined
  #nextDeadId = 0
  /** Jobs running, and retries waiting on their timers: pending too, though not in `#ready`. */
  #running = 0
  #scheduled = 0

  constructor(deadLetterLimit: number) {
    this.#deadLetterLimit = deadLetterLimit
  }

  pending(): number {
    return this.#ready.length + this.#running + this.#scheduled
  }

  enqueue(job: Job): void {
    this.#push(job)
    this.#pump()
  }

  oldestWaiting(): number | undefined {
    return this.#readyAt[0]
  }

  #push(job: Job): void {
    this.#ready.push(job)
    this.#readyAt.push(Date.now())
  }

  consume(attempt: Consumer['attempt'], { concurrency, signal }: ConsumeOptions): Promise<void> {
    if (this.#consumer) return Promise.reject(new Error('this memory queue already has a consumer'))
    return new Promise((settle) => {
      const consumer: Consumer = { attempt, concurrency, signal, running: 0, settle }
      this.#consumer = consumer
      signal.addEventListener('abort', () => this.#settleIfIdle(consumer), { once: true })
      this.#pump()
      this.#settleIfIdle(consumer)
    })
  }

  async listDeadLetters({ limit = deadLetterListLimit }: { limit?: number } = {}): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = []
    for (const letter of this.#dead.values()) {
      if (letters.length >= limit) break
      letters.push(letter)
    }
    return letters
  }

  async replayDeadLetters(ids?: readonly string[]): Promise<number> {
    const letters = this.#take(ids)
    for (const letter of letters) this.#push({ ...letter.job, attempt: 1, replayed: true })
    this.#pump()
    return letters.length
  }

  async purgeDeadLetters(ids?: readonly string[]): Promise<number> {
    return this.#take(ids).length
  }

  #take(ids: readonly string[] | undefined): DeadLetter[] {
    const taken = ids === undefined ? [...this.#dead.values()] : ids.flatMap((id) => this.#dead.get(id) ?? [])
    for (const letter of taken) this.#dead.delete(letter.id)
    return taken
  }

  #pump(): void {
    const consumer = this.#consumer
    if (consumer === undefined) return
    while (consumer.running < consumer.concurrency && this.#ready.length > 0) {
      consumer.running++
      this.#running++
      this.#readyAt.shift()
      void this.#run(consumer, this.#ready.shift()!)
    }
  }

  async #run(consumer: Consumer, job: Job): Promise<void> {
    let result: AttemptResult
    try {
      result = await consumer.attempt(job)
    } catch (error) {
      // The dispatcher never rejects; if a custom one does, the job must not loop forever.
      result = { status: 'dead', succeeded: job.succeeded, error }
    }
    this.#apply(job, result)
    consumer.running--
    this.#running--
    this.#pump()
    this.#settleIfIdle(consumer)
  }

  #apply(job: Job, result: AttemptResult): void {
    if (result.status === 'retry' || result.status === 'wait') {
      const attempt = result.status === 'retry' ? job.attempt + 1 : job.attempt
      const next: Job = { ...job, attempt, succeeded: result.succeeded }
      this.#scheduled++
      const timer = setTimeout(() => {
        this.#scheduled--
        this.enqueue(next)
      }, result.delay)
      ;(timer as { unref?: () => void }).unref?.()
    } else if (result.status === 'dead') {
      const id = String(++this.#nextDeadId)
      this.#dead.set(id, {
        id,
        job: { ...job, succeeded: result.succeeded },
        error: messageOf(result.error),
        failedAt: Date.now(),
      })
      if (this.#dead.size > this.#deadLetterLimit) this.#dead.delete(this.#dead.keys().next().value!)
    }
  }

  #settleIfIdle(consumer: Consumer): void {
    if (!consumer.signal.aborted || consumer.running > 0 || this.#ready.length > 0) return
    if (this.#consumer === consumer) this.#consumer = undefined
    consumer.settle()
  }
}
