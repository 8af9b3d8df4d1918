/**
 * The worker's `concurrency`, shared by the consumer loops of every shard. A loop takes slots before it
 * reads (at most `share` at a time, so one loop's blocking read never holds every slot), hands back those
 * its read did not fill, and each job hands its own back when it ends. One shard: `share` is the whole
 * budget, and a loop fills every free slot, as it always did.
 */
export class Budget {
  #used = 0
  #waiting: (() => void)[] = []

  constructor(
    readonly limit: number,
    readonly share: number = limit,
  ) {}

  /** Up to `share` free slots, now held by the caller; 0 when none is free. */
  take(): number {
    const taken = Math.max(0, Math.min(this.limit - this.#used, this.share))
    this.#used += taken
    return taken
  }

  give(slots = 1): void {
    if (slots <= 0) return
    this.#used -= slots
    const waiting = this.#waiting
    this.#waiting = []
    for (const wake of waiting) wake()
  }

  /** Resolves at the next `give`. */
  freed(): Promise<void> {
    return new Promise((resolve) => this.#waiting.push(resolve))
  }
}
