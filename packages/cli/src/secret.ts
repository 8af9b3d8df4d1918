import { UsageError } from './exit.js'

/** Read when `--secret` is absent, so secrets stay out of shell history and `ps` output. */
export const secretEnv = 'HOOKGATE_SECRET'

/**
 * The signing secret from `--secret` or `HOOKGATE_SECRET`. The error names where to put it and never
 * echoes anything that was typed, since a mistyped option value may itself be a secret.
 */
export function resolveSecret(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const secret = option ?? env[secretEnv]
  if (secret) return secret
  throw new UsageError(`a signing secret is required: pass --secret or set ${secretEnv}`)
}
