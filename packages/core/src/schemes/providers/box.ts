import { defineProvider } from '../engine.js'
import { malformedHeader } from '../failures.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import type { SignatureEntry, SignatureFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { parseJsonFields } from './fields.js'

export interface BoxOptions extends CommonProviderOptions {
  /**
   * The app's signature keys (Developer Console > your app > Webhooks > Manage signature keys): the
   * primary, then the secondary. Either may match either signature header; `sign` uses the first.
   */
  secret: Keys<string>
}

const constantHeaders = { 'box-signature-version': '1', 'box-signature-algorithm': 'HmacSHA256' }

/** Box signs twice, once per key, in two headers: both are candidates, under version 1 of HmacSHA256 only. */
const boxFormat: SignatureFormat = {
  read(primary, _header, headers) {
    for (const [name, value] of Object.entries(constantHeaders))
      if (headers[name] !== value)
        throw malformedHeader(name, `must be ${value}, the only scheme Box defines`)
    const entries: SignatureEntry[] = [{ version: '', value: primary }]
    const secondary = headers['box-signature-secondary']
    if (secondary && secondary !== primary) entries.push({ version: '', value: secondary })
    return { entries }
  },
  write: (entries) => entries[0]!.value,
}

/**
 * Box: `box-signature-primary` and `box-signature-secondary`, base64 HMAC-SHA256 of the body followed by
 * `box-delivery-timestamp` (RFC 3339), fresh within `tolerance` both ways (10 min by default, as Box's
 * SDK; the SDK refuses any future timestamp). `id` is `box-delivery-id`, `type` the payload's `trigger`
 * (`FILE.UPLOADED`). The dedup window defaults to 3 days (retries are undocumented).
 */
export function box(options: BoxOptions): Provider {
  return resolvingKeys(options, boxWith, { secret: placeholderSecret })
}

/** `box` with fixed keys. */
function boxWith(options: StaticKeys<BoxOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'box',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'box: secret'),
        algorithm: 'sha256',
        encoding: 'base64',
        header: 'box-signature-primary',
        format: boxFormat,
        signedContent: '{body}{timestamp}',
        timestampHeader: 'box-delivery-timestamp',
        idHeader: ['box-delivery-id'],
        parse: parseJsonFields('box', { type: 'trigger' }),
      }),
      signatureHeader: ['box-signature-primary', 'box-signature-secondary'],
      timestampFormat: 'rfc3339',
      tolerance: '10m',
      constantHeaders,
    },
    options,
  )
}
