import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { timestampedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { parseJsonFields } from './fields.js'

export interface SanityOptions extends CommonProviderOptions {
  /** The webhook's secret (sanity.io/manage > API > Webhooks). An array while rotating. */
  secret: Keys<string>
}

const parseJson = parseJsonFields('sanity', {})

/**
 * Sanity GROQ webhooks: `sanity-webhook-signature: t=<unix ms>,v1=<base64url>`, HMAC-SHA256 of
 * `{t}.{body}`, fresh within `tolerance` both ways (Sanity's toolkit never checks the age). `id` is the
 * `idempotency-key` header, `type` the `sanity-operation` header (`create`, `update`, `delete`), else
 * `webhook`: the body is the webhook's own projection. Sanity documents no retry horizon: the dedup
 * window defaults to 3 days, hookgate's conservative choice.
 */
export function sanity(options: SanityOptions): Provider {
  return resolvingKeys(options, sanityWith, { secret: placeholderSecret })
}

/** `sanity` with fixed keys. */
function sanityWith(options: StaticKeys<SanityOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'sanity',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'sanity: secret'),
        algorithm: 'sha256',
        encoding: 'base64url',
        header: 'sanity-webhook-signature',
        format: timestampedFormat('t', ','),
        version: 'v1',
        signedContent: '{timestamp}.{body}',
        idHeader: ['idempotency-key'],
        parse(verified) {
          const parsed = parseJson(verified)
          return { ...parsed, type: verified.headers['sanity-operation'] ?? parsed.type }
        },
      }),
      timestampFormat: 'milliseconds',
    },
    options,
  )
}
