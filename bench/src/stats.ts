/** The few statistics the bench reports: medians across repetitions and their spread. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Repetition-to-repetition spread: (max - min) / median, so 0.05 reads "the repetitions agree within 5%". */
export function relativeSpread(values: readonly number[]): number {
  const m = median(values)
  return m === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / m
}

/** A measurement repeated several times: its median and how much the repetitions disagreed. */
export interface Repeated {
  median: number
  /** See `relativeSpread`. */
  spread: number
  /** Every repetition's value, in the order they ran. */
  reps: number[]
}

export function summarize(values: readonly number[]): Repeated {
  return { median: median(values), spread: relativeSpread(values), reps: [...values] }
}

/** Rotates `items` by `by` places: repetition r of an alternating run starts with item r. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const n = items.length
  if (n === 0) return []
  const k = ((by % n) + n) % n
  return [...items.slice(k), ...items.slice(0, k)]
}
