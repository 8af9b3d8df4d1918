/**
 * The worker's `concurrency`, shared by the consumer loops of every shard. A loop takes slots before it
 * reads (at most `share` at a time, so one loop's blocking read never holds every slot), hands back those
 * its read did not fill, and each job hands its own back when it ends. Slots handed back go to the loops
 * waiting, first come first served, before anyone else can take them: otherwise a loop whose read comes
 * back empty takes again at once what it just handed back, and when the other loops' shares cover the
 * whole budget (`concurrency: 4` over 3 shards) an idle shard's loop never gets a slot, nor its jobs a
 * worker. One shard: `share` is the whole budget, and a loop fills every free slot, as it always did.
 */
export class Budget {
  #used = 0
  /** The loops waiting for slots, oldest first, each told how many it was handed. */
  #waiting: ((slots: number) => void)[] = []

  constructor(
    readonly limit: number,
    readonly share: number = limit,
  ) {}

  /** Up to `share` slots, now held by the caller: at once when some are free and no loop waits before it. */
  take(): Promise<number> {
    if (this.#waiting.length === 0 && this.#used < this.limit) return Promise.resolve(this.#hand())
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  give(slots = 1): void {
    if (slots <= 0) return
    this.#used -= slots
    while (this.#used < this.limit) {
      const next = this.#waiting.shift()
      if (!next) return
      next(this.#hand())
    }
  }

  #hand(): number {
    const slots = Math.min(this.limit - this.#used, this.share)
    this.#used += slots
    return slots
  }
}
