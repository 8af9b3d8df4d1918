import { deadLetterListLimit, toMs } from '@hookgate/core'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import packageJson from '../package.json' with { type: 'json' }
import { listSamples } from './commands/samples.js'
import { send } from './commands/send.js'
import { sign } from './commands/sign.js'
import { ExitCode, UsageError } from './exit.js'
import { findProvider, providerNames, providers } from './providers.js'
import { secretEnv } from './secret.js'
import type { Terminal } from './terminal.js'

/**
 * Runs one command line (without `node` and the script) and resolves to its exit code; never calls
 * `process.exit`, so output is flushed and tests run it in-process.
 */
export async function run(argv: readonly string[], terminal: Terminal): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok
  const done = (code: ExitCode) => {
    exitCode = code
  }
  const program = buildProgram(terminal, done)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; every other parse error is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    }
    terminal.stderr.write(`hookgate: ${error instanceof Error ? error.message : String(error)}\n`)
    return error instanceof UsageError ? ExitCode.usage : ExitCode.failure
  }
}

function buildProgram(terminal: Terminal, done: (code: ExitCode) => void): Command {
  const program = new Command('hookgate')
    .description('Sign and send test webhooks, run the demo, inspect and replay dead letters.')
    .version(packageJson.version)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', exitCodesHelp)
  configure(program, terminal)

  withSigningOptions(
    program
      .command('send')
      .description('sign deliveries exactly as the provider does and POST them to <url>')
      .argument('<url>', 'the receiver, e.g. http://localhost:3000/webhooks/stripe'),
  )
    .option('-n, --repeat <n>', 'distinct events to send', integer(1), 1)
    .option(
      '-d, --duplicates <k>',
      'extra copies of each event (same id and body, signed again), sent once the original is answered',
      integer(0),
      0,
    )
    .option('-c, --concurrency <c>', 'requests in flight at once', integer(1), 4)
    .option('--timeout <duration>', "per request, e.g. '10s' or 500", duration, 10_000)
    .option('-q, --quiet', 'print only the summary, not a line per response')
    .addOption(new Option('--progress', 'show progress on stderr even when it is not a terminal'))
    .addOption(new Option('--no-progress', 'never show progress'))
    .addHelpText(
      'after',
      `
Examples:
  $ ${secretEnv}=whsec_test hookgate send http://localhost:3000/webhooks/stripe --provider stripe --type invoice.paid
  $ hookgate send http://localhost:3000/hooks --provider github --event push.json --type push -n 100 -d 1 -c 16

Without --event, a bundled sample is sent (see \`hookgate samples\`), with a fresh id each time.
Exit code 1 when any response is not a 2xx.`,
    )
    .action(async (url: string, options) =>
      done(
        await send(url, { ...options, timeoutMs: options.timeout, profile: profileOf(options) }, terminal),
      ),
    )

  withSigningOptions(
    program
      .command('sign')
      .description('print the headers the provider would send with the payload on stdin'),
  )
    .option('--url <url>', 'the URL the request goes to (Twilio signs it)')
    .option('--timestamp <unix>', 'sign as of this time, in unix seconds (default now)', integer(0))
    .option('--body-out <file>', 'write the body to send there (required where the signature is inside it)')
    .addHelpText(
      'after',
      `
Prints \`Name: value\` lines, ready for curl:
  $ hookgate sign --provider github < push.json > headers.txt
  $ curl -H @headers.txt --data-binary @push.json http://localhost:3000/webhooks/github

Mailgun, Adyen, Braintree and Microsoft Graph carry the signature in the body, so send the body it writes:
  $ hookgate sign --provider mailgun --body-out signed.json < delivered.json > headers.txt
  $ curl -H @headers.txt --data-binary @signed.json http://localhost:3000/webhooks/mailgun`,
    )
    .action(async (options) => done(await sign({ ...options, profile: profileOf(options) }, terminal)))

  program
    .command('samples')
    .description('list the bundled samples, or print one')
    .argument('[provider]', `one of ${providerNames.join(', ')}`)
    .argument('[type]', 'an event type of that provider')
    .option('--json', 'machine-readable output on stdout')
    .action((provider: string | undefined, type: string | undefined, options: { json?: boolean }) =>
      done(listSamples(provider, type, options, terminal)),
    )

  program
    .command('demo')
    .description(
      'run an example receiver, send it a burst of good, duplicate, forged and stale deliveries, report',
    )
    .option('--json', 'machine-readable output on stdout')
    .addHelpText(
      'after',
      '\nOffline, a few seconds, no setup. Exit code 1 if any answer is not what a correct receiver gives.',
    )
    .action(async (options: { json?: boolean }) => {
      // Loaded on demand: Express is only needed here.
      const { demo } = await import('./commands/demo.js')
      done(await demo(options, terminal))
    })

  program.addCommand(dlqCommand(terminal, done))

  for (const command of program.commands) configure(command, terminal)
  return program
}

/** `hookgate dlq ...`: the Redis dead letters; loaded on demand so other commands never load ioredis. */
function dlqCommand(terminal: Terminal, done: (code: ExitCode) => void): Command {
  const dlq = new Command('dlq')
    .description('list, show, replay or purge the dead letters of a Redis queue (@hookgate/redis)')
    .addHelpText(
      'after',
      `
Examples:
  $ hookgate dlq list --redis redis://127.0.0.1:6379
  $ hookgate dlq show 1731000000000-0
  $ hookgate dlq replay                      # every dead letter goes back on the stream
  $ hookgate dlq purge 1731000000000-0       # or --all
  $ hookgate dlq replay 2:1731000000000-0 --shards 3   # redis({ shards: 3 }): ids are <shard>:<stream id>
  $ hookgate dlq list --cluster --redis redis://10.0.0.1:6379,redis://10.0.0.2:6379   # a Redis Cluster's seeds`,
    )
  const target = (command: Command) =>
    command
      .addOption(
        new Option('--redis <url>', 'the Redis of the receiver, redis://[user:password@]host:port[/db]')
          .env('REDIS_URL')
          .default('redis://127.0.0.1:6379'),
      )
      .option(
        '--cluster',
        'a Redis Cluster: --redis is one or more of its nodes, redis://host:port,redis://...',
      )
      .option('--prefix <prefix>', "the prefix the receiver's redis() was given", 'hookgate')
      .option('--shards <n>', "the shards the receiver's redis() was given: every one is read", integer(1), 1)
      .option('--json', 'machine-readable output on stdout')
  const load = () => import('./commands/dlq.js')

  target(dlq.command('list').description('list dead letters, oldest first'))
    .option('--limit <n>', 'at most this many', integer(1), deadLetterListLimit)
    .action(async (options) => done(await (await load()).listDeadLetters(options, terminal)))
  target(dlq.command('show').description('print one dead letter, payload included').argument('<id>')).action(
    async (id: string, options) => done(await (await load()).showDeadLetter(id, options, terminal)),
  )
  target(dlq.command('replay').description('put dead letters back on the stream with a fresh attempt count'))
    .argument('[ids...]', 'dead letter ids (default: all)')
    .option('--all', 'every dead letter (the default when no ids are given)')
    .action(async (ids: string[], options) =>
      done(await (await load()).changeDeadLetters('replay', ids, options, terminal)),
    )
  target(dlq.command('purge').description('delete dead letters for good'))
    .argument('[ids...]', 'dead letter ids')
    .option('--all', 'every dead letter (required when no ids are given)')
    .action(async (ids: string[], options) =>
      done(await (await load()).changeDeadLetters('purge', ids, options, terminal)),
    )
  configure(dlq, terminal)
  for (const command of dlq.commands) configure(command, terminal)
  return dlq
}

/** The options `send` and `sign` share: who signs, with what, and which event. */
function withSigningOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-p, --provider <name>', 'the sender to imitate')
        .choices(providerNames)
        .makeOptionMandatory(),
    )
    .option(
      '-s, --secret <secret>',
      `the signing secret (or set ${secretEnv}, which keeps it out of shell history)`,
    )
    .option('-e, --event <file>', 'the payload file, sent byte for byte')
    .option('-t, --type <type>', 'the event type; without --event, also picks the bundled sample')
    .option('--id <id>', 'the event or delivery id (default: a fresh one)')
    .option('--json', 'machine-readable output on stdout')
    .addHelpText(
      'after',
      `\nSecrets, by provider:\n${providers.map((p) => `  ${p.name}: ${p.secretHint}`).join('\n')}`,
    )
}

function configure(command: Command, terminal: Terminal): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => terminal.stdout.write(text),
    writeErr: (text) => terminal.stderr.write(text),
  })
}

function profileOf(options: { provider: string }) {
  // commander's choices() already refused any other name.
  return findProvider(options.provider)!
}

function integer(min: number) {
  return (value: string): number => {
    const parsed = Number(value)
    if (!Number.isSafeInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`expected a whole number >= ${min}`)
    }
    return parsed
  }
}

function duration(value: string): number {
  try {
    return toMs(/^\d+$/.test(value) ? Number(value) : (value as `${number}s`), '--timeout')
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message)
  }
}

const exitCodesHelp = `
Exit codes:
  0  success: every delivery got a 2xx, every command succeeded
  1  failure: a delivery was not answered with a 2xx, or Redis failed
  2  usage: the command line is wrong (unknown option, missing secret, unreadable file)`
