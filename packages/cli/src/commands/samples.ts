import { ExitCode, UsageError } from '../exit.js'
import { providerNames } from '../providers.js'
import { samplePayload, sampleTypes } from '../samples.js'
import type { Terminal } from '../terminal.js'

/**
 * `hookgate samples [provider] [type]`: what `send --type` can send, or one sample's payload (JSON either
 * way). `--json` lists the types as `{ provider: [type, ...] }`.
 */
export function listSamples(
  provider: string | undefined,
  type: string | undefined,
  options: { json?: boolean },
  terminal: Terminal,
): ExitCode {
  if (provider !== undefined && !providerNames.includes(provider)) {
    throw new UsageError(`unknown provider '${provider}'; one of ${providerNames.join(', ')}`)
  }
  if (provider !== undefined && type !== undefined) {
    terminal.stdout.write(`${JSON.stringify(samplePayload(provider, type), null, 2)}\n`)
    return ExitCode.ok
  }
  const names = provider === undefined ? providerNames : [provider]
  if (options.json) {
    const types = Object.fromEntries(names.map((name) => [name, sampleTypes(name)]))
    terminal.stdout.write(`${JSON.stringify(types, null, 2)}\n`)
    return ExitCode.ok
  }
  for (const name of names) terminal.stdout.write(`${name}: ${sampleTypes(name).join(', ')}\n`)
  return ExitCode.ok
}
