/**
 * Wraps `emit` so it sees results in `seq` order (1, 2, 3, ...), each as soon as every earlier one is in:
 * responses arrive in any order under concurrency, lines are read top to bottom.
 */
export function inSeqOrder<T extends { seq: number }>(emit: (result: T) => void): (result: T) => void {
  const early = new Map<number, T>()
  let next = 1
  return (result) => {
    early.set(result.seq, result)
    for (let ready = early.get(next); ready !== undefined; ready = early.get(next)) {
      early.delete(next++)
      emit(ready)
    }
  }
}
