/**
 * Runs `work` over `items` with at most `concurrency` in flight. The workers share one iterator, so a lazy
 * generator is consumed no faster than requests complete.
 */
export async function forEachConcurrent<T>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]()
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
}
