/**
 * A result that is there at once on node:crypto (hashing never waits) and later on Web Crypto (every call
 * is a promise). One code path serves both: it continues synchronously when it can and waits only when it
 * must, so the Node path pays for no promise, microtask or async frame it does not need.
 */
export type MaybePromise<T> = T | Promise<T>

/** `next(value)` now, or once `value` resolves. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value)
}

/** Whether `check(i)` is true for some `i` in `[from, count)`, trying them in order and stopping at the first. */
export function someIndex(
  count: number,
  check: (index: number) => MaybePromise<boolean>,
  from = 0,
): MaybePromise<boolean> {
  for (let i = from; i < count; i++) {
    const result = check(i)
    if (result instanceof Promise) return result.then((ok) => ok || someIndex(count, check, i + 1))
    if (result) return true
  }
  return false
}
