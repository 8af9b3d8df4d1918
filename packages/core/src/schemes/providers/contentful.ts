import { defineProvider, type SignedFields } from '../engine.js'
import { malformedHeader } from '../failures.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat, type SignatureFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { fieldAt, parseJsonFields } from './fields.js'

export interface ContentfulOptions extends CommonProviderOptions {
  /** The webhook's signing secret, 64 characters (Settings > Webhooks > Settings > Request verification). */
  secret: Keys<string>
}

const signedHeadersHeader = 'x-contentful-signed-headers'
const timestampHeader = 'x-contentful-timestamp'
const plain = prefixedFormat('')

/** The signature is only as good as what it covers: the timestamp must be among the signed headers. */
const contentfulFormat: SignatureFormat = {
  read(value, header, headers) {
    const signed = headers[signedHeadersHeader]?.split(',') ?? []
    if (!signed.includes(timestampHeader) || !signed.includes(signedHeadersHeader))
      throw malformedHeader(signedHeadersHeader, `must list ${timestampHeader} and itself`)
    return plain.read(value, header, headers)
  },
  write: plain.write,
}

/**
 * The canonical request Contentful signs: method, path, the signed headers sorted (`name:value` joined by
 * `;`) and the body, on four lines. The path is the request's, with its query escaped and then the whole
 * URI-encoded, so `?x=1` is signed as `?x%253D1`: Contentful's toolkit does exactly this.
 */
function canonicalRequest(fields: SignedFields) {
  const signed = (fields.headers[signedHeadersHeader] ?? '').split(',')
  const lines = signed
    .filter((name) => fields.headers[name] !== undefined)
    .sort()
    .map((name) => `${name}:${fields.headers[name]!.trim()}`)
    .join(';')
  return [[`${fields.method}\n${canonicalPath(fields.url ?? '/')}\n${lines}\n`, fields.body]]
}

function canonicalPath(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split('#', 1)[0] || '/'
  // Only what lies between the first and a second `?` is the toolkit's query.
  const [pathname, search] = path.split('?')
  return encodeURI(search ? `${pathname}?${encodeURIComponent(search)}` : pathname!)
}

/**
 * Contentful: `x-contentful-signature`, hex HMAC-SHA256 of the canonical request (method, path, the
 * headers `x-contentful-signed-headers` lists, body), with `x-contentful-timestamp` (unix ms) among them,
 * fresh within `tolerance` both ways (30 s by default, the toolkit's). `type` is `X-Contentful-Topic`
 * (`ContentManagement.Entry.publish`); Contentful sends no event id, so `id` is the topic, the entity's
 * `sys.id` and its `sys.version` joined (a retry resends them). The dedup window defaults to 3 days
 * (retries are undocumented).
 */
export function contentful(options: ContentfulOptions): Provider {
  return resolvingKeys(options, contentfulWith, { secret: placeholderSecret })
}

/** `contentful` with fixed keys. */
function contentfulWith(options: StaticKeys<ContentfulOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'contentful',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'contentful: secret'),
        algorithm: 'sha256',
        encoding: 'hex',
        header: 'x-contentful-signature',
        format: contentfulFormat,
        signedContent: '{body}',
        timestampHeader,
        typeHeader: 'X-Contentful-Topic',
        parse: parseJsonFields('contentful', {
          id: (payload, verified) => {
            const [id, version] = [fieldAt(payload, 'sys.id'), fieldAt(payload, 'sys.version')]
            return id && version ? `${verified.type}:${id}:${version}` : undefined
          },
        }),
      }),
      signs: { timestamp: true, id: false },
      timestampFormat: 'milliseconds',
      tolerance: '30s',
      constantHeaders: { [signedHeadersHeader]: `${signedHeadersHeader},${timestampHeader}` },
      signedContent: canonicalRequest,
    },
    options,
  )
}
