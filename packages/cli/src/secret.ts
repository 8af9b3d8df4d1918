import type { Provider, SignInput } from '@hookgate/core'
import { withContentType } from './content-type.js'
import { UsageError } from './exit.js'
import type { ProviderProfile } from './providers.js'

/** Read when `--secret` is absent, so secrets stay out of shell history and `ps` output. */
export const secretEnv = 'HOOKGATE_SECRET'

/** Any provider signs this: a trial that the secret holds a signing key, not only a verifying one. */
const trialInput: SignInput = { body: '{}', type: 'webhook', url: 'https://example.com/' }

/**
 * The provider, keyed with `--secret` or `HOOKGATE_SECRET`, checked to sign. Errors name where the
 * secret came from and never echo it, since a mistyped value may itself be a secret.
 */
export async function providerFor(
  profile: ProviderProfile,
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Provider> {
  const secret = option ?? env[secretEnv]
  if (!secret) throw new UsageError(`a signing secret is required: pass --secret or set ${secretEnv}`)
  const from = option === undefined ? secretEnv : '--secret'
  const provider = await asUsageError(
    () => profile.provider(secret),
    (reason) => `${from} is not a ${profile.name} secret: ${reason}`,
  )
  // A key the provider takes may still only verify (a Standard Webhooks whpk_ public key): found out here,
  // once, rather than from the first request of a send.
  await asUsageError(
    () => provider.sign(trialInput),
    () =>
      `${from} can not sign ${profile.name} deliveries: it holds no signing key (a public key only verifies)`,
  )
  return profile.contentType === undefined ? provider : withContentType(provider, profile.contentType)
}

/**
 * Providers refuse a bad secret with a TypeError whose message starts with the library option it is about
 * (`standardWebhooks: a whsec_ key must be base64 ...`); on the command line that option is a flag, so
 * `describe` gets the reason without it.
 */
async function asUsageError<T>(work: () => T | Promise<T>, describe: (reason: string) => string): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(describe(error.message.replace(/^[\w.-]+: /, '')))
    throw error
  }
}
