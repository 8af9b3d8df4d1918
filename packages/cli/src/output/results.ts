import type { DeliveryResult } from '../send/post.js'
import type { Summary } from '../send/summary.js'
import { formatTable } from './table.js'

/** One line per response: status, outcome code, then which event it was. */
export function formatResult(result: DeliveryResult): string {
  const status = result.status === 0 ? '---' : String(result.status)
  const copy = result.copy > 0 ? `  duplicate #${result.copy}` : ''
  const why = result.message ? `  (${result.message})` : ''
  return `${String(result.seq).padStart(4)}  ${status}  ${result.code.padEnd(18)}  ${result.id}  ${result.type ?? ''}${copy}  ${ms(result.ms)}${why}\n`
}

/** The summary table: one row per status and code, with latencies, then the totals. */
export function formatSummary(summary: Summary, elapsedMs: number): string {
  const table = formatTable(summary.rows, [
    { header: 'status', cell: (row) => (row.status === 0 ? '---' : String(row.status)) },
    { header: 'code', cell: (row) => row.code },
    { header: 'count', cell: (row) => String(row.count), align: 'right' },
    { header: 'p50', cell: (row) => ms(row.p50), align: 'right' },
    { header: 'p95', cell: (row) => ms(row.p95), align: 'right' },
    { header: 'max', cell: (row) => ms(row.max), align: 'right' },
  ])
  const rate = elapsedMs > 0 ? ` (${Math.round((summary.total / elapsedMs) * 1000)}/s)` : ''
  const verdict = summary.failed ? `${summary.failed} not 2xx` : 'all 2xx'
  return `\n${table}\n${summary.total} sent in ${ms(elapsedMs)}${rate}: ${verdict}\n`
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`
}
