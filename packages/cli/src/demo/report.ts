import { formatTable } from '../output/table.js'
import type { HandlerRun } from './journal.js'
import type { DemoRow, DemoRun } from './run.js'

/** The four fates of a delivery the demo is about, and `unexpected` when the receiver got one wrong. */
export type Verdict = 'handled' | 'suppressed' | 'ignored' | 'rejected' | 'unexpected'

/** What became of one delivery, judged against what a correct receiver does. */
export function verdictOf(row: DemoRow): Verdict {
  const { code } = row.result
  if (code !== row.step.expect) return 'unexpected'
  if (code === 'accepted') return row.runs.some((run) => run.error === undefined) ? 'handled' : 'unexpected'
  if (code === 'duplicate') return 'suppressed'
  if (code === 'ignored') return 'ignored'
  return 'rejected'
}

/** Why, in words: the handler runs of an accepted event, or the receiver's own reason for a refusal. */
export function reasonOf(row: DemoRow): string {
  const verdict = verdictOf(row)
  if (verdict === 'unexpected') {
    const got = `${row.result.status} ${row.result.code}`
    return row.result.code === row.step.expect
      ? `${got}, but no handler succeeded`
      : `expected ${row.step.expect}, got ${got}`
  }
  if (verdict === 'handled') return row.runs.map(describeRun).join(', then ')
  if (verdict === 'suppressed') return 'same id seen before: answered 2xx, no handler ran again'
  if (verdict === 'ignored') return 'verified, but no handler for this type'
  return firstSentence(row.result.message ?? row.result.code)
}

/** The receiver's messages go on to say what to do; the table keeps what happened. */
function firstSentence(message: string): string {
  const end = message.search(/\. /)
  return end < 0 ? message : message.slice(0, end + 1)
}

function describeRun(run: HandlerRun): string {
  return run.error === undefined
    ? `${run.handler} ok (attempt ${run.attempt})`
    : `${run.handler} failed (attempt ${run.attempt}: ${run.error}), retried`
}

/** The report: one line per delivery, then the totals by verdict. */
export function formatDemoReport(run: DemoRun): string {
  const table = formatTable(run.rows, [
    { header: '#', cell: (row) => String(row.result.seq), align: 'right' },
    { header: 'provider', cell: (row) => row.step.provider },
    { header: 'sent', cell: (row) => row.step.what },
    { header: 'answer', cell: (row) => `${row.result.status} ${row.result.code}` },
    { header: 'result', cell: verdictOf },
    { header: 'why', cell: reasonOf },
  ])
  const counts = new Map<Verdict, number>()
  for (const row of run.rows) counts.set(verdictOf(row), (counts.get(verdictOf(row)) ?? 0) + 1)
  const totals = [...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')
  return `${table}\n${run.rows.length} deliveries: ${totals}\n`
}
