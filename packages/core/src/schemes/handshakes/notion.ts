import { readHeaders } from '../../request.js'
import { readRawBody } from '../body.js'
import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { looksLikeJson, parseJson, stringField, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { methodOf } from './replies.js'
import { type SecretCallback, secretCallback, storeSecret } from './stored-secret.js'

export interface NotionOptions extends CommonProviderOptions {
  /**
   * The `verification_token` Notion sent when the subscription was created, which
   * `onVerificationToken` stored: usually a resolver returning what is stored now.
   */
  secret: Keys<string>
  /**
   * Stores the verification token, awaited before the first request is answered; you also paste it into
   * the integration's Webhooks tab to verify the subscription. The request is unsigned: keep the token only
   * while you are setting a subscription up. When it throws, the answer is 503.
   */
  onVerificationToken: SecretCallback
}

/** The verification request is a few dozen bytes; no larger unsigned body is read. */
const verificationMaxBytes = 1024

/**
 * Notion: creating a webhook subscription makes Notion POST `{"verification_token": "secret_..."}`,
 * unsigned; it is given to `onVerificationToken` and answered 200. Every event then carries
 * `X-Notion-Signature: sha256=<hex>`, HMAC-SHA256 of the body with that token. `id` and `type` are the
 * payload's (`page.content_updated`). Notion's body `timestamp` is when the event happened, the same on
 * every retry, so it is not a freshness check. Notion documents no retry horizon: the dedup window
 * defaults to 3 days, hookgate's conservative choice for undocumented senders.
 */
export function notion(options: NotionOptions): Provider {
  const onVerificationToken = secretCallback(options.onVerificationToken, 'notion: onVerificationToken')
  const provider = resolvingKeys(options, notionWith, { secret: placeholderSecret })
  return {
    ...provider,
    // Outside the resolver: no token is stored yet when it comes.
    async handshake(request) {
      if (methodOf(request) !== 'POST' || readHeaders(request.headers)['x-notion-signature']) return undefined
      const token = verificationToken(request.body)
      if (token === undefined) return undefined
      await storeSecret(onVerificationToken, token, request, 'notion: onVerificationToken')
      return { status: 200, headers: {}, body: '' }
    },
  }
}

function verificationToken(body: unknown): string | undefined {
  let raw: Uint8Array
  try {
    raw = readRawBody(body, verificationMaxBytes)
  } catch {
    // Too large or not bytes: not the verification request, and verify() says what is wrong.
    return undefined
  }
  if (!looksLikeJson(raw)) return undefined
  try {
    return stringField(parseJson(raw, 'notion'), 'verification_token') || undefined
  } catch {
    return undefined
  }
}

function notionWith(options: StaticKeys<NotionOptions>): Provider {
  return defineProvider(
    hmacDefinition({
      name: 'notion',
      retryHorizon: '3d',
      secrets: toList(options.secret, 'notion: secret'),
      algorithm: 'sha256',
      encoding: 'hex',
      header: 'X-Notion-Signature',
      format: prefixedFormat('sha256='),
      signedContent: '{body}',
      parse(verified) {
        const payload = parseJson(verified.raw, 'notion')
        return {
          payload,
          id: stringField(payload, 'id'),
          type: stringField(payload, 'type') ?? untypedEventType,
        }
      },
    }),
    options,
  )
}
