import { formatDemoReport, reasonOf, verdictOf } from '../demo/report.js'
import { runDemo } from '../demo/run.js'
import { ExitCode } from '../exit.js'
import type { Terminal } from '../terminal.js'

/**
 * `hookgate demo`: the example receiver meets a burst of real-looking traffic; the report says what it
 * handled, suppressed and rejected, and why. Exit code 1 if any answer was not what a correct receiver
 * gives, so the demo doubles as a smoke test.
 */
export async function demo(options: { json?: boolean }, terminal: Terminal): Promise<ExitCode> {
  if (!options.json) {
    terminal.stdout.write(
      'Starting an Express receiver (@hookgate/express, memory store) on a loopback port...\n',
    )
  }
  const started = performance.now()
  const run = await runDemo()
  const elapsedMs = Math.round(performance.now() - started)
  const ok = run.rows.every((row) => verdictOf(row) !== 'unexpected')
  if (options.json) {
    const rows = run.rows.map((row) => ({
      provider: row.step.provider,
      sent: row.step.what,
      id: row.result.id,
      status: row.result.status,
      code: row.result.code,
      expected: row.step.expect,
      result: verdictOf(row),
      why: reasonOf(row),
      runs: row.runs,
    }))
    terminal.stdout.write(`${JSON.stringify({ url: run.url, ok, elapsedMs, rows }, null, 2)}\n`)
  } else {
    terminal.stdout.write(
      `Sent ${run.rows.length} signed deliveries to ${run.url}/webhooks/{stripe,github}:\n\n${formatDemoReport(run)}`,
    )
    terminal.stdout.write(
      ok
        ? `Done in ${elapsedMs} ms. Every answer is what a correct receiver gives.\n`
        : `Done in ${elapsedMs} ms. Some answers were not what a correct receiver gives (see 'unexpected').\n`,
    )
  }
  return ok ? ExitCode.ok : ExitCode.failure
}
