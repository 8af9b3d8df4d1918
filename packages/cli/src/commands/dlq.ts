import type { DeadLetter } from '@hookgate/core'
import { redactUrl } from '../dlq/address.js'
import { type DlqTarget, withDeadLetters } from '../dlq/connect.js'
import { ExitCode, UsageError } from '../exit.js'
import { formatTable } from '../output/table.js'
import type { Terminal } from '../terminal.js'

export interface DlqOptions extends DlqTarget {
  json?: boolean
}

/** How many dead letters `show` looks through: the queue API lists, it does not fetch one by id. */
const showScanLimit = 10_000

/**
 * `hookgate dlq list`: one line per dead letter, oldest first, then how many `--limit` left out. An empty
 * list says where it looked: a receiver on another prefix looks exactly like one without dead letters.
 */
export async function listDeadLetters(
  options: DlqOptions & { limit: number },
  terminal: Terminal,
): Promise<ExitCode> {
  const { letters, more } = await withDeadLetters(options, async (queue, count) => {
    const letters = await queue.listDeadLetters({ limit: options.limit })
    // Only a full page can have left some out: no second round trip otherwise.
    const more = letters.length < options.limit ? 0 : Math.max(0, (await count()) - letters.length)
    return { letters, more }
  })
  const shown = `${letters.length} of ${letters.length + more} dead letters shown: ${more} more (raise --limit)`
  if (options.json) {
    terminal.stdout.write(`${JSON.stringify(letters.map(toJson), null, 2)}\n`)
    // stdout stays the array it always was; the count is for the person running it.
    if (more) terminal.stderr.write(`hookgate: ${shown}\n`)
    return ExitCode.ok
  }
  if (letters.length === 0) {
    terminal.stdout.write(
      `no dead letters under ${where(options)} on ${redactUrl(options.redis)} (pass --prefix and --shards if the receiver's redis() uses others)\n`,
    )
    return ExitCode.ok
  }
  terminal.stdout.write(
    formatTable(letters, [
      { header: 'id', cell: (letter) => letter.id },
      { header: 'failed at', cell: (letter) => new Date(letter.failedAt).toISOString() },
      { header: 'provider', cell: (letter) => letter.job.event.providerName },
      { header: 'type', cell: (letter) => letter.job.event.type },
      { header: 'event id', cell: (letter) => letter.job.event.id ?? '-' },
      { header: 'attempts', cell: (letter) => String(letter.job.attempt), align: 'right' },
      { header: 'error', cell: (letter) => letter.error },
    ]),
  )
  if (more) terminal.stdout.write(`${shown}\n`)
  return ExitCode.ok
}

/** `hookgate dlq show <id>`: everything about one dead letter, the payload included. */
export async function showDeadLetter(id: string, options: DlqOptions, terminal: Terminal): Promise<ExitCode> {
  const letters = await withDeadLetters(options, (queue) => queue.listDeadLetters({ limit: showScanLimit }))
  const letter = letters.find((candidate) => candidate.id === id)
  if (!letter) {
    terminal.stderr.write(`hookgate: no dead letter ${id} under ${where(options)}\n`)
    return ExitCode.failure
  }
  const json = toJson(letter)
  if (options.json) {
    terminal.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
    return ExitCode.ok
  }
  const { event } = json
  terminal.stdout.write(
    [
      `id:         ${json.id}`,
      `failed at:  ${json.failedAt}`,
      `error:      ${json.error}`,
      `provider:   ${event.providerName}`,
      `type:       ${event.type}`,
      `event id:   ${event.id ?? '-'}`,
      `attempts:   ${json.attempts}`,
      `succeeded:  ${json.succeeded.join(', ') || '-'}`,
      `received:   ${json.receivedAt}`,
      'headers:',
      ...Object.entries(event.headers).map(([name, value]) => `  ${name}: ${value}`),
      'payload:',
      JSON.stringify(event.payload, null, 2),
      '',
    ].join('\n'),
  )
  return ExitCode.ok
}

/**
 * `hookgate dlq replay|purge [ids...]`: acts on the given ids, or on every dead letter (purge needs
 * `--all` for that, since it destroys them). Exit code 1 when some ids were not found.
 */
export async function changeDeadLetters(
  action: 'replay' | 'purge',
  ids: readonly string[],
  options: DlqOptions & { all?: boolean },
  terminal: Terminal,
): Promise<ExitCode> {
  if (ids.length > 0 && options.all) throw new UsageError(`${action}: give ids or --all, not both`)
  if (action === 'purge' && ids.length === 0 && !options.all) {
    throw new UsageError('purge deletes dead letters for good: give their ids, or --all for every one')
  }
  const count = await withDeadLetters(options, (queue) =>
    action === 'replay'
      ? queue.replayDeadLetters(ids.length ? ids : undefined)
      : queue.purgeDeadLetters(ids.length ? ids : undefined),
  )
  const missing = ids.length ? ids.length - count : 0
  const verb = action === 'replay' ? 'replayed' : 'purged'
  if (options.json) terminal.stdout.write(`${JSON.stringify({ [verb]: count, missing })}\n`)
  else {
    terminal.stdout.write(`${verb} ${count} dead letter${count === 1 ? '' : 's'}\n`)
    if (missing)
      terminal.stderr.write(`hookgate: ${missing} of the given ids were not found under ${where(options)}\n`)
  }
  return missing ? ExitCode.failure : ExitCode.ok
}

/** The namespace looked in, for messages: a sharded one's ids are `<shard>:<stream id>`. */
function where({ prefix, shards }: DlqTarget): string {
  return shards > 1 ? `prefix '${prefix}' (${shards} shards, ids <shard>:<stream id>)` : `prefix '${prefix}'`
}

/** A dead letter as JSON: times as ISO strings, the raw body as text. */
function toJson(letter: DeadLetter) {
  const { job } = letter
  const { raw, timestamp, ...event } = job.event
  return {
    id: letter.id,
    failedAt: new Date(letter.failedAt).toISOString(),
    error: letter.error,
    attempts: job.attempt,
    succeeded: job.succeeded,
    receivedAt: new Date(job.receivedAt).toISOString(),
    key: job.key,
    event: { ...event, timestamp: timestamp?.toISOString(), raw: Buffer.from(raw).toString('utf8') },
  }
}
