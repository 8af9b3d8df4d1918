import type { DeliveryResult } from './post.js'

/** The results that share one status and code, with their latency spread. */
export interface SummaryRow {
  status: number
  code: string
  count: number
  /** Milliseconds. */
  p50: number
  p95: number
  max: number
}

export interface Summary {
  rows: SummaryRow[]
  total: number
  /** Results that were not a 2xx: what makes the exit code 1. */
  failed: number
}

/** Groups results by status and code, most frequent first, with nearest-rank latency percentiles. */
export function summarize(results: readonly DeliveryResult[]): Summary {
  const groups = new Map<string, DeliveryResult[]>()
  for (const result of results) {
    const key = `${result.status} ${result.code}`
    const group = groups.get(key)
    if (group) group.push(result)
    else groups.set(key, [result])
  }
  const rows = [...groups.values()].map((group): SummaryRow => {
    const latencies = group.map((result) => result.ms).sort((a, b) => a - b)
    return {
      status: group[0]!.status,
      code: group[0]!.code,
      count: group.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      max: latencies[latencies.length - 1]!,
    }
  })
  rows.sort((a, b) => b.count - a.count || a.status - b.status)
  return { rows, total: results.length, failed: results.filter((result) => !isSuccess(result.status)).length }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

function percentile(sorted: readonly number[], rank: number): number {
  return sorted[Math.max(0, Math.ceil(rank * sorted.length) - 1)]!
}
