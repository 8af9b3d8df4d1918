import { UsageError } from './exit.js'
import { samples } from './samples/catalog.js'

/** The bundled event types of a provider, sorted, for `--type` and error messages. */
export function sampleTypes(provider: string): string[] {
  return Object.keys(samples[provider] ?? {}).sort()
}

/** A private copy of a bundled payload (callers stamp fresh ids into it). */
export function samplePayload(provider: string, type: string): Record<string, unknown> {
  const payload = samples[provider]?.[type]
  if (payload === undefined) {
    throw new UsageError(
      `no bundled ${provider} sample for type '${type}'; available: ${sampleTypes(provider).join(', ')} (or pass --event <file>)`,
    )
  }
  return structuredClone(payload) as Record<string, unknown>
}
