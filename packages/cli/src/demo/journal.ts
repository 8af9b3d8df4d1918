/** One run of one handler, as the demo's handlers record it. */
export interface HandlerRun {
  handler: string
  attempt: number
  /** Absent when the run succeeded. */
  error?: string
}

/**
 * What the demo's handlers did, by event id: the receiver runs them after answering, so the report waits
 * here until every accepted event has been handled (or the deadline passes).
 */
export class Journal {
  readonly #runs = new Map<string, HandlerRun[]>()
  readonly #waiters = new Set<() => void>()

  record(eventId: string, run: HandlerRun): void {
    const runs = this.#runs.get(eventId)
    if (runs) runs.push(run)
    else this.#runs.set(eventId, [run])
    for (const wake of this.#waiters) wake()
  }

  runs(eventId: string): readonly HandlerRun[] {
    return this.#runs.get(eventId) ?? []
  }

  /** True once a handler of this event succeeded. */
  handled(eventId: string): boolean {
    return this.runs(eventId).some((run) => run.error === undefined)
  }

  /** Resolves once every id is handled, or after `timeoutMs` (the report then says what is missing). */
  async waitFor(ids: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs
    while (!ids.every((id) => this.handled(id))) {
      const remaining = deadline - performance.now()
      if (remaining <= 0) return
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer)
          this.#waiters.delete(wake)
          resolve()
        }
        const timer = setTimeout(wake, remaining)
        this.#waiters.add(wake)
      })
    }
  }
}
