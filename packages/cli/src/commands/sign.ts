import { writeFile } from 'node:fs/promises'
import { readEventFile } from '../event-file.js'
import { ExitCode, UsageError } from '../exit.js'
import { httpUrl, requireSigningFlags } from '../flags.js'
import type { ProviderProfile } from '../providers.js'
import { providerFor } from '../secret.js'
import { readAll, type Terminal } from '../terminal.js'

export interface SignOptions {
  profile: ProviderProfile
  secret?: string
  event?: string
  id?: string
  type?: string
  url?: string
  /** Unix seconds; now when absent. */
  timestamp?: number
  json?: boolean
  /** Where to write the body to send: required when `sign()` rewrites it (the signature is inside). */
  bodyOut?: string
}

/**
 * `hookgate sign`: the headers the provider would send with this body, as `Name: value` lines that
 * `curl -H @-` reads, or as JSON. The body is signed byte for byte as read; a provider that signs inside
 * the body rewrites it, and that body goes to `--body-out` (or `body` in the JSON): stdout stays headers.
 */
export async function sign(options: SignOptions, terminal: Terminal): Promise<ExitCode> {
  if (options.url !== undefined) httpUrl(options.url, '--url')
  requireSigningFlags(options.profile, options)
  const body = await readBody(options, terminal)
  const provider = await providerFor(options.profile, options.secret, terminal.env)
  const input = { body, id: options.id, type: options.type, url: options.url, timestamp: options.timestamp }
  const signed = await provider.sign(input)
  const { headers } = signed
  // Mailgun, Adyen, Braintree and Graph sign inside the body: the body to send is not the one read.
  const rewritten = !Buffer.from(signed.body).equals(body)
  if (options.bodyOut !== undefined) await writeFile(options.bodyOut, signed.body)
  if (options.json) {
    const signedBody = rewritten ? { body: Buffer.from(signed.body).toString('utf8') } : {}
    terminal.stdout.write(`${JSON.stringify({ url: signed.url, headers, ...signedBody }, null, 2)}\n`)
    return ExitCode.ok
  }
  if (rewritten && options.bodyOut === undefined)
    throw new UsageError(
      `--provider ${options.profile.name} signs inside the body: pass --body-out <file> and send that file (or --json)`,
    )
  for (const [name, value] of Object.entries(headers)) terminal.stdout.write(`${name}: ${value}\n`)
  // Twilio signs a URL with `bodySHA256` added for JSON bodies: the request must go there, not to --url.
  if (signed.url !== undefined && signed.url !== options.url)
    terminal.stderr.write(`send it to: ${signed.url}\n`)
  return ExitCode.ok
}

async function readBody(options: SignOptions, terminal: Terminal): Promise<Uint8Array> {
  if (options.event !== undefined) {
    return readEventFile(options.event)
  }
  const hint = 'pipe the payload on stdin (`< payload.json`) or pass --event <file>'
  if (terminal.stdin.isTTY) throw new UsageError(hint)
  const body = await readAll(terminal.stdin)
  // No provider sends an empty body: an empty stdin is a pipe that was never connected (CI, a lost `<`).
  if (body.length === 0) throw new UsageError(`stdin is empty: ${hint}`)
  return body
}
