/** Entries that finished while a read was under way: see `Inflight.watch`. */
export interface Watch {
  finished(stream: string, id: string): boolean
  stop(): void
}

/**
 * The entries running in this worker. Keyed by stream and id (ids are unique within a stream only): an id
 * has no space, so `<id> <stream>` is unambiguous.
 */
export class Inflight {
  readonly #running = new Set<string>()
  readonly #watches = new Set<Set<string>>()

  get size(): number {
    return this.#running.size
  }

  has(stream: string, id: string): boolean {
    return this.#running.has(`${id} ${stream}`)
  }

  add(stream: string, id: string): void {
    this.#running.add(`${id} ${stream}`)
  }

  delete(stream: string, id: string): void {
    const key = `${id} ${stream}`
    if (this.#running.delete(key)) for (const finished of this.#watches) finished.add(key)
  }

  /**
   * Notes the entries that finish from now until `stop()`. A read of our own pending entries on the
   * reader's connection may be served before the acknowledgement of a job that just finished (sent on the
   * client's connection) yet reach us after it: without this, that job would run again.
   */
  watch(): Watch {
    const finished = new Set<string>()
    this.#watches.add(finished)
    return {
      finished: (stream, id) => finished.has(`${id} ${stream}`),
      stop: () => this.#watches.delete(finished),
    }
  }

  /** The running ids of each stream that has any. */
  byStream(): Map<string, string[]> {
    const streams = new Map<string, string[]>()
    for (const key of this.#running) {
      const cut = key.indexOf(' ')
      const stream = key.slice(cut + 1)
      const ids = streams.get(stream)
      if (ids) ids.push(key.slice(0, cut))
      else streams.set(stream, [key.slice(0, cut)])
    }
    return streams
  }
}
