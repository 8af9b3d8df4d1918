import type { RuntimeRow, RuntimeSkipped } from './section.js'

const int = (x: number) => Math.round(x).toLocaleString('en-US')

/** The runtimes section as Markdown lines: one row per runtime, the share of its own bare route first. */
export function renderRuntimes(rows: readonly (RuntimeRow | RuntimeSkipped)[]): string[] {
  return [
    "### Runtimes: `@hookgate/fetch` against the same runtime's bare route",
    '',
    'POST 2 KiB, a new signed Standard Webhooks delivery per request, loopback, not pinned. The bare route reads ' +
      'the body and answers 202; hookgate verifies, parses, validates (zod), claims (memory store) and queues.',
    '',
    '| runtime | version | bare req/s | hookgate req/s | share of bare | hookgate p99 ms |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((row) =>
      'skipped' in row
        ? `| ${row.runtime} | ${row.skipped} | — | — | — | — |`
        : `| ${row.runtime}${row.failures > 0 ? ` (${row.failures} FAILED)` : ''} | ${row.version} | ` +
          `${int(row.bareReqPerSec.median)} | ${int(row.hookgateReqPerSec.median)} | ${row.share.toFixed(2)} | ` +
          `${row.hookgateP99Ms.median.toFixed(1)} |`,
    ),
    '',
  ]
}
