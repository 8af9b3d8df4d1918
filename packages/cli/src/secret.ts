import type { Scheme } from '@hookgate/core'
import { UsageError } from './exit.js'
import type { ProviderProfile } from './providers.js'

/** Read when `--secret` is absent, so secrets stay out of shell history and `ps` output. */
export const secretEnv = 'HOOKGATE_SECRET'

/**
 * The provider's scheme, keyed with `--secret` or `HOOKGATE_SECRET`. Errors name where to put the secret and
 * never echo what was typed, since a mistyped value may itself be a secret.
 */
export async function schemeFor(
  profile: ProviderProfile,
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Scheme> {
  const secret = option ?? env[secretEnv]
  if (!secret) throw new UsageError(`a signing secret is required: pass --secret or set ${secretEnv}`)
  return asUsageError(() => profile.scheme(secret))
}

/**
 * Schemes refuse bad input (a `whsec_` secret that is not base64, Twilio without a URL) with a TypeError:
 * on the command line that input was typed, so it is a usage error.
 */
export async function asUsageError<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message)
    throw error
  }
}
