import { UsageError } from './exit.js'
import type { ProviderProfile } from './providers.js'

/**
 * Checks of what a provider needs from the command line, made before anything is signed so that the error
 * names the flag to add, not the `sign()` input underneath.
 */

/** `value` as an absolute http(s) URL, or a usage error naming `flag`. */
export function httpUrl(value: string, flag: string): string {
  const parsed = URL.canParse(value) ? new URL(value) : undefined
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http:// or https:// URL, got '${value}'`)
  }
  return value
}

/** The event type and URL a provider signs or sends in a header, when it needs them. */
export function requireSigningFlags(
  profile: ProviderProfile,
  given: { type?: string | undefined; url?: string | undefined },
): void {
  if (profile.needsType && !given.type)
    throw new UsageError(
      `--provider ${profile.name} needs --type <type>, the event type it sends in a header (e.g. --type ${profile.defaultType})`,
    )
  if (profile.needsUrl && !given.url)
    throw new UsageError(
      `--provider ${profile.name} needs --url <url>: it signs the absolute URL the request goes to`,
    )
}
