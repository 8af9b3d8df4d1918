/** A length of time: milliseconds, or a string such as `'250ms'`, `'30s'`, `'5m'`, `'48h'`, `'3d'`. */
export type Duration = number | `${number}${DurationUnit}`
type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd'

const unitMs: Record<DurationUnit, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const pattern = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/

/** Milliseconds of a `Duration`; throws a `TypeError` naming the option when it is not one. */
export function toMs(value: Duration, option: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value
  } else {
    const match = pattern.exec(value)
    if (match) return Number(match[1]) * unitMs[match[2] as DurationUnit]
  }
  throw new TypeError(
    `${option} must be a non-negative number of milliseconds or a string like '5m', got ${String(value)}`,
  )
}
