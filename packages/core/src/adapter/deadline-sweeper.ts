/**
 * Body deadlines without a timer per request: one timer, shared by every body being read, sweeps the
 * pending reads a few times per timeout and expires those past their deadline. Setting and clearing a timer
 * for each request cost more than the rest of reading a small body.
 *
 * Time is the sweeper's own: the sum of the steps it has waited, never a clock reading. A timer never fires
 * early, so a deadline never passes before its timeout has really elapsed; it passes up to about one step (a
 * quarter of the shortest pending timeout: 2.5 s of the default 10 s) late, later when the event loop is
 * blocked. Counting
 * steps rather than reading `Date.now()` also keeps the sweeper in step with fake timers that fake only
 * `setTimeout`.
 */

/** A read waiting for its body, as the sweeper tracks it. */
export interface Deadline {
  /** How long the read may take, in ms. */
  readonly timeoutMs: number
  /** Set by `watchDeadline`: the sweeper time at which `expire` runs. */
  due: number
  /** Called once, when the deadline passes before `unwatchDeadline`. */
  expire(): void
}

const watched = new Set<Deadline>()
let timer: ReturnType<typeof setTimeout> | undefined
/** The wait of the armed timer, in ms. */
let step = 0
/** Sweeper time, in ms: the steps waited so far. */
let clock = 0

const stepFor = (timeoutMs: number) => Math.max(1, Math.ceil(timeoutMs / 4))

function arm(ms: number): void {
  step = ms
  timer = setTimeout(sweep, ms)
  // Pending reads hold their sockets open; the sweeper alone must not keep the process alive.
  ;(timer as { unref?: () => void }).unref?.()
}

function sweep(): void {
  clock += step
  timer = undefined
  let shortest = Number.POSITIVE_INFINITY
  for (const deadline of watched) {
    if (deadline.due <= clock) {
      watched.delete(deadline)
      deadline.expire()
    } else if (deadline.timeoutMs < shortest) shortest = deadline.timeoutMs
  }
  // With nothing pending the sweeper stops here, at its next step, not when the last read ends: reads
  // that follow one another then share one timer instead of each starting and stopping it.
  if (timer === undefined && shortest !== Number.POSITIVE_INFINITY) arm(stepFor(shortest))
}

/** Calls `deadline.expire()` once `deadline.timeoutMs` have passed, unless unwatched before. */
export function watchDeadline(deadline: Deadline): void {
  const wanted = stepFor(deadline.timeoutMs)
  if (timer === undefined || wanted < step) {
    // (Re)started now, so the read starts with a step. Restarting drops the part of a step already waited:
    // the other reads then expire that much later, never sooner.
    if (timer !== undefined) clearTimeout(timer)
    arm(wanted)
    deadline.due = clock + deadline.timeoutMs
  } else {
    // Somewhere inside a running step: count from its end.
    deadline.due = clock + step + deadline.timeoutMs
  }
  watched.add(deadline)
}

/** Forgets `deadline`: its read is over. */
export function unwatchDeadline(deadline: Deadline): void {
  watched.delete(deadline)
}
