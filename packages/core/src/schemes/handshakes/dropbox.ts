import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { methodOf, queryOf, textReply } from './replies.js'

export interface DropboxOptions extends CommonProviderOptions {
  /** The app's shared secret, which Dropbox calls the App secret (App Console > your app). */
  secret: Keys<string>
}

/**
 * Dropbox: `X-Dropbox-Signature`, hex HMAC-SHA256 of the body with the app secret; nothing is
 * timestamped. The verification request, a GET `?challenge=...`, is answered 200 text/plain with the
 * challenge and `X-Content-Type-Options: nosniff`, as Dropbox asks.
 *
 * A notification only says which accounts changed (`list_folder.accounts`); the app then reads the changes
 * since its cursor. So no two deliveries are deduplicated: each gets a fresh id. A retried notification
 * costs one empty read, while deduplicating identical ones (the same accounts change twice) would drop the
 * second change. `type` is `list_folder`. The dedup window defaults to 1 hour (nothing repeats anyway).
 */
export function dropbox(options: DropboxOptions): Provider {
  return resolvingKeys(options, dropboxWith, { secret: placeholderSecret })
}

/** `dropbox` with fixed keys. */
function dropboxWith(options: StaticKeys<DropboxOptions>): Provider {
  const definition = hmacDefinition({
    name: 'dropbox',
    retryHorizon: '1h',
    secrets: toList(options.secret, 'dropbox: secret'),
    algorithm: 'sha256',
    encoding: 'hex',
    header: 'X-Dropbox-Signature',
    format: prefixedFormat(''),
    signedContent: '{body}',
    parse(verified) {
      return { payload: parseJson(verified.raw, 'dropbox'), id: crypto.randomUUID(), type: 'list_folder' }
    },
  })
  return defineProvider(
    {
      ...definition,
      methods: ['GET'],
      handshake(request) {
        const challenge = methodOf(request) === 'GET' ? queryOf(request).get('challenge') : null
        if (challenge === null) return undefined
        return textReply(challenge, { 'x-content-type-options': 'nosniff' })
      },
    },
    options,
  )
}
