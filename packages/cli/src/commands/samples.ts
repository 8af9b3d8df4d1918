import { ExitCode, UsageError } from '../exit.js'
import { providerNames } from '../providers.js'
import { samplePayload, sampleTypes } from '../samples.js'
import type { Terminal } from '../terminal.js'

/** `hookgate samples [provider] [type]`: what `send --type` can send, or one sample's payload. */
export function listSamples(
  provider: string | undefined,
  type: string | undefined,
  terminal: Terminal,
): ExitCode {
  if (provider !== undefined && !providerNames.includes(provider)) {
    throw new UsageError(`unknown provider '${provider}'; one of ${providerNames.join(', ')}`)
  }
  if (provider !== undefined && type !== undefined) {
    terminal.stdout.write(`${JSON.stringify(samplePayload(provider, type), null, 2)}\n`)
    return ExitCode.ok
  }
  for (const name of provider === undefined ? providerNames : [provider]) {
    terminal.stdout.write(`${name}: ${sampleTypes(name).join(', ')}\n`)
  }
  return ExitCode.ok
}
