// The campaign's bookkeeping: judges every answer against what the case expects, counts verdicts per
// adapter, and prints the table the suite ends with.
import { type OutcomeCode, rejectionStatus } from '@hookgate/core'
import type { RawAnswer } from './raw-http.js'

/** What a case may be answered with. */
export interface Expectation {
  /** A 2xx with one of these codes is right (a validly signed edge case). */
  accept?: readonly OutcomeCode[]
  /** A refusal with one of these typed codes is right. */
  reject?: readonly OutcomeCode[]
  /**
   * Statuses Node's HTTP parser answers by itself, before any adapter code runs, for a request that is not
   * valid HTTP (400 Bad Request, 431 headers too large). Such an answer has no JSON body.
   */
  httpRefusal?: readonly number[]
}

export type Verdict = 'rejected' | 'accepted' | 'crash' | 'wrongly accepted' | 'unexpected'

export interface Judgement {
  verdict: Verdict
  /** What came back, for failure messages. */
  detail: string
}

/** The `code` of a hookgate JSON answer when it is a known code with its documented status. */
export function typedCode(status: number, body: string): OutcomeCode | undefined {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code
    if (typeof code !== 'string') return undefined
    if (code in rejectionStatus)
      return rejectionStatus[code as keyof typeof rejectionStatus] === status
        ? (code as OutcomeCode)
        : undefined
    return status >= 200 && status < 300 ? (code as OutcomeCode) : undefined
  } catch {
    return undefined
  }
}

/**
 * A crash is no answer at all, or a 5xx that is not one of hookgate's typed 500/503 answers. A 2xx where the
 * case expects none is a wrong acceptance, whatever its code.
 */
export function judge(answer: RawAnswer, expectation: Expectation): Judgement {
  if (answer.kind !== 'response') return { verdict: 'crash', detail: `no answer (${answer.kind})` }
  const { status, body } = answer
  const code = typedCode(status, body)
  const detail = `${status} ${code ?? body.slice(0, 120)}`
  if (status >= 200 && status < 300) {
    const right = code !== undefined && expectation.accept?.includes(code)
    return { verdict: right ? 'accepted' : 'wrongly accepted', detail }
  }
  if (status >= 500 && code === undefined) return { verdict: 'crash', detail }
  if (code === undefined)
    return { verdict: expectation.httpRefusal?.includes(status) ? 'rejected' : 'unexpected', detail }
  return { verdict: expectation.reject?.includes(code) ? 'rejected' : 'unexpected', detail }
}

interface Row {
  tried: number
  rejected: number
  accepted: number
  crashes: number
  wronglyAccepted: number
  unexpected: number
}

const emptyRow = (): Row => ({
  tried: 0,
  rejected: 0,
  accepted: 0,
  crashes: 0,
  wronglyAccepted: 0,
  unexpected: 0,
})

/** Verdict counts by row label (an adapter, or adapter + suite part). */
export class Ledger {
  readonly rows = new Map<string, Row>()

  record(label: string, judgement: Judgement): void {
    const row = this.rows.get(label) ?? emptyRow()
    this.rows.set(label, row)
    row.tried++
    if (judgement.verdict === 'rejected') row.rejected++
    else if (judgement.verdict === 'accepted') row.accepted++
    else if (judgement.verdict === 'crash') row.crashes++
    else if (judgement.verdict === 'wrongly accepted') row.wronglyAccepted++
    else row.unexpected++
  }

  totals(): Row {
    const total = emptyRow()
    for (const row of this.rows.values())
      for (const key of Object.keys(total) as (keyof Row)[]) total[key] += row[key]
    return total
  }

  /** The table, one line per label and a total line. */
  table(): string {
    const head = [
      '',
      'cases tried',
      'rejected correctly',
      'accepted correctly',
      'crashes',
      'wrongly accepted',
      'unexpected answer',
    ]
    const line = (label: string, r: Row) =>
      [label, r.tried, r.rejected, r.accepted, r.crashes, r.wronglyAccepted, r.unexpected].map(String)
    const lines = [
      head,
      ...[...this.rows].map(([label, row]) => line(label, row)),
      line('total', this.totals()),
    ]
    const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
    const format = (l: string[]) =>
      l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
    return [
      format(lines[0]!),
      widths.map((w) => '-'.repeat(w)).join('  '),
      ...lines.slice(1).map(format),
    ].join('\n')
  }
}
