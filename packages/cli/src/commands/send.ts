import { readEventFile } from '../event-file.js'
import { ExitCode, UsageError } from '../exit.js'
import { httpUrl, requireSigningFlags } from '../flags.js'
import { createProgress } from '../output/progress.js'
import { formatResult, formatSummary } from '../output/results.js'
import type { ProviderProfile } from '../providers.js'
import { samplePayload } from '../samples.js'
import { providerFor } from '../secret.js'
import { msSince } from '../send/elapsed.js'
import { type PayloadSource, planDeliveries, plannedCount } from '../send/plan.js'
import { sendDeliveries } from '../send/send.js'
import { isSuccess, summarize } from '../send/summary.js'
import type { Terminal } from '../terminal.js'

export interface SendOptions {
  profile: ProviderProfile
  secret?: string
  event?: string
  type?: string
  id?: string
  repeat: number
  duplicates: number
  concurrency: number
  timeoutMs: number
  json?: boolean
  quiet?: boolean
  /** Forces the progress line on a pipe; false turns it off on a terminal. */
  progress?: boolean
}

/** `hookgate send`: signs deliveries as the provider does, POSTs them, and reports every answer. */
export async function send(url: string, options: SendOptions, terminal: Terminal): Promise<ExitCode> {
  const target = httpUrl(url, '<url>')
  if (options.id !== undefined && options.repeat > 1) {
    throw new UsageError('--id names one event; use --duplicates to send it again, or drop --id for --repeat')
  }
  const source = await payloadSource(options)
  requireSigningFlags(options.profile, {
    type: 'sample' in source ? source.sample : source.type,
    url: target,
  })
  const provider = await providerFor(options.profile, options.secret, terminal.env)
  const total = plannedCount(options)
  const progress = createProgress(terminal.stderr, total, options.progress ?? terminal.stderr.isTTY === true)
  let done = 0
  let failed = 0
  const started = performance.now()
  const results = await sendDeliveries({
    url: target,
    provider,
    deliveries: planDeliveries({ ...options, source }),
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    onResult(result) {
      if (options.json || options.quiet) return
      progress.clear()
      terminal.stdout.write(formatResult(result))
    },
    onAnswer(result) {
      if (!isSuccess(result.status)) failed++
      progress.update(++done, failed)
    },
  })
  const summary = summarize(results)
  const elapsedMs = msSince(started)
  terminal.stdout.write(
    options.json
      ? `${JSON.stringify({ results, summary: { ...summary, elapsedMs } }, null, 2)}\n`
      : formatSummary(summary, elapsedMs),
  )
  return summary.failed ? ExitCode.failure : ExitCode.ok
}

async function payloadSource(options: SendOptions): Promise<PayloadSource> {
  if (options.event === undefined) {
    const sample = options.type ?? options.profile.defaultType
    samplePayload(options.profile.name, sample) // fails before any request when the type is unknown
    return { sample }
  }
  return { file: await readEventFile(options.event), type: options.type }
}
