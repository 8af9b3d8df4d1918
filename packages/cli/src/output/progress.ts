/** A one-line counter on stderr, so stdout stays clean for the results and for `--json`. */
export interface Progress {
  update(done: number, failed: number): void
  /** Erases the line before something else is written to the same terminal. */
  clear(): void
}

const quiet: Progress = { update() {}, clear() {} }

/**
 * On a terminal the line is redrawn in place at most every 100 ms; forced on a pipe or file (`--progress`)
 * it becomes a plain line at most every second, which reads well in CI logs.
 */
export function createProgress(
  stream: { write(text: string): unknown; isTTY?: boolean },
  total: number,
  enabled: boolean,
): Progress {
  if (!enabled) return quiet
  const tty = stream.isTTY === true
  const interval = tty ? 100 : 1_000
  let last = Number.NEGATIVE_INFINITY
  let drawn = false
  return {
    update(done, failed) {
      const now = performance.now()
      if (done < total && now - last < interval) return
      last = now
      const line = `sent ${done}/${total}${failed ? `, ${failed} not 2xx` : ''}`
      if (tty) {
        stream.write(`\r\x1b[K${line}`)
        drawn = done < total
        if (!drawn) stream.write('\n')
      } else stream.write(`${line}\n`)
    },
    clear() {
      if (!drawn) return
      stream.write('\r\x1b[K')
      drawn = false
    },
  }
}
