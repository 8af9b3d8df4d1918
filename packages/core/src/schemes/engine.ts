import type { SignedParts } from '../crypto/backend.js'
import { type Duration, toMs } from '../duration.js'
import { WebhookVerificationError } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import { andThen, type MaybePromise, someIndex } from '../maybe-promise.js'
import { type HeaderMap, type RawBody, type RawRequest, readHeaders, toBytes } from '../request.js'
import { readRawBody } from './body.js'
import { bodyHint, missingHeader } from './failures.js'
import { checkFreshness } from './freshness.js'
import { looksLikeJson } from './payload.js'
import type {
  CommonProviderOptions,
  Provider,
  ProviderReply,
  SignedRequest,
  SignInput,
  VerifiedRequest,
} from './scheme.js'
import type { SignatureEntry, SignatureFormat } from './signature-list.js'
import { readTimestamp, type TimestampFormat, writeTimestamp } from './timestamp-format.js'
import type { Verifier } from './verifiers.js'

/** What a provider signs over, read from one request (or made up by `sign`). */
export interface SignedFields {
  body: Uint8Array
  /** The signed timestamp exactly as sent: its text is what gets hashed. */
  timestamp: string | undefined
  id: string | undefined
  url: string | undefined
  /** The request method, upper case; `POST` when the request names none, and in `sign` (HubSpot signs it). */
  method: string
  /** The request's headers; in `sign`, the ones it writes besides the signature (Contentful signs some). */
  headers: HeaderMap
}

/** What a provider's parser adds to a verified request. */
export interface ParsedDelivery {
  payload: unknown
  id: string | undefined
  type: string
}

/**
 * How one sender signs, declaratively; `defineProvider` turns it into a `Provider`. Header lists name the
 * header as the provider spells it first (what `sign` writes), then accepted aliases (Svix's `svix-*`).
 */
export interface ProviderDefinition {
  /** `Provider.name`. */
  name: string
  /** How long the provider retries one delivery: the receiver's default `dedupWindow`. */
  retryHorizon: Duration
  /**
   * The options the keys came from, for messages: `secret`, or Standard Webhooks' `publicKey` (`secret or
   * publicKey` with both).
   */
  keyOptions: string
  signatureHeader: readonly string[]
  timestampHeader?: readonly string[]
  /** How the timestamp is written. @default 'seconds' */
  timestampFormat?: TimestampFormat
  /**
   * The signed timestamp in ms, for senders that put it in the signed body (Linear's `webhookTimestamp`):
   * read once the signature matched, then checked like a header's. Throws `malformed_payload` when absent.
   */
  bodyTimestamp?(body: Uint8Array): number
  /** The default of the `tolerance` option, for senders that document their own (Paddle's 5 s). */
  tolerance?: Duration
  /** Headers `sign` writes as they are, on every delivery (Box's `box-signature-version: 1`). */
  constantHeaders?: Readonly<Record<string, string>>
  /** Read at verify time, so a duplicate is known before the body is parsed. */
  idHeader?: readonly string[]
  /** Required when declared. */
  typeHeader?: readonly string[]
  format: SignatureFormat
  /** By signature version (`''` when unversioned); several let one header carry `v1` and `v1a`. */
  verifiers: ReadonlyMap<string, Verifier>
  /**
   * Whether the signature covers a timestamp (then it must be present and fresh) and the id; `body: false`
   * for a credential that signs nothing (its mismatch is then never blamed on the body).
   */
  signs: { timestamp: boolean; id: boolean; body?: false }
  /** The signed bytes as parts; alternatives are each tried (Twilio: the URL with and without its port). */
  signedContent(fields: SignedFields): readonly SignedParts[]
  /** A check after the signature matched (Twilio: the bodySHA256 the signed URL carries). */
  checkBody?(fields: SignedFields): MaybePromise<void>
  /** Advice appended to `invalid_signature` messages. */
  signatureHint?: string
  parse(verified: VerifiedRequest): ParsedDelivery
  /** The events of a delivery that carries several, each with its own id and type (`Provider.split`). */
  split?(payload: unknown, event: WebhookEvent): readonly ParsedDelivery[] | undefined
  reply?(event: WebhookEvent): ProviderReply | undefined
  /** `Provider.methods`. */
  methods?: readonly string[]
  /** `Provider.handshake`. */
  handshake?(request: RawRequest): MaybePromise<ProviderReply | undefined>
  /** The type header's value for an event type (GitHub sends `issues` for `issues.opened`). */
  typeHeaderValue?(type: string): string
  /** The URL `sign` returns and signs; default `input.url`. */
  signUrl?(url: string | undefined, body: Uint8Array): Promise<string | undefined>
  /** A fresh id in the provider's style, for `sign` without `input.id`. */
  newId?(): string
}

const defaultMaxBodyBytes = 1_048_576

/** The engine every provider runs on: size, headers, freshness, signature, then the provider's own parse. */
export function defineProvider(definition: ProviderDefinition, options: CommonProviderOptions): Provider {
  const { name, verifiers, split } = definition
  const tolerance = toMs(options.tolerance ?? definition.tolerance ?? '5m', `${name}: tolerance`)
  const retryHorizon = toMs(options.retryHorizon ?? definition.retryHorizon, `${name}: retryHorizon`)
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    throw new TypeError(`${name}: maxBodyBytes must be a whole number of bytes, got ${maxBodyBytes}`)
  const now = options.now ?? Date.now
  const newId = definition.newId ?? (() => crypto.randomUUID())
  const signature = headerReader(definition.signatureHeader)
  const timestamp = definition.timestampHeader && headerReader(definition.timestampHeader)
  const id = definition.idHeader && headerReader(definition.idHeader)
  const type = definition.typeHeader && headerReader(definition.typeHeader)

  /**
   * Async only in its signature: on node:crypto every step is synchronous and the returned promise is
   * already settled; on Web Crypto it waits for the hashing.
   */
  async function verify(request: RawRequest): Promise<VerifiedRequest> {
    const raw = readRawBody(request.body, maxBodyBytes)
    const headers = readHeaders(request.headers)
    const read = definition.format.read(required(signature, headers), signature.name, headers)
    let ms: number | undefined
    const timestampText = read.timestamp ?? timestamp?.find(headers)
    if (timestampText !== undefined) {
      ms = readTimestamp(timestampText, timestamp?.name ?? signature.name, definition.timestampFormat)
      checkFreshness(ms / 1000, now(), tolerance)
    } else if (definition.signs.timestamp && !definition.bodyTimestamp) {
      throw missingHeader(timestamp?.name ?? signature.name, name)
    }
    const fields: SignedFields = {
      body: raw,
      timestamp: timestampText,
      id: id && (definition.signs.id ? required(id, headers) : id.find(headers)),
      url: request.url,
      method: request.method?.toUpperCase() ?? 'POST',
      headers,
    }
    const verified: VerifiedRequest = {
      raw,
      headers,
      url: request.url,
      id: fields.id,
      type: type && required(type, headers),
      timestamp: ms === undefined ? undefined : new Date(ms),
    }
    const { checkBody, bodyTimestamp } = definition
    return andThen(checkSignature(fields, read.entries, request.body as RawBody), () => {
      if (bodyTimestamp && ms === undefined) {
        const at = bodyTimestamp(raw)
        checkFreshness(at / 1000, now(), tolerance)
        verified.timestamp = new Date(at)
      }
      return checkBody ? andThen(checkBody(fields), () => verified) : verified
    })
  }

  const required = (reader: HeaderReader, headers: HeaderMap) => {
    const value = reader.find(headers)
    if (value === undefined) throw missingHeader(reader.name, name)
    return value
  }

  const verifierList = [...verifiers]

  /** Each version's verifier with the header's signatures of that version; throws unless one matches. */
  function checkSignature(
    fields: SignedFields,
    entries: readonly SignatureEntry[],
    body: RawBody,
  ): MaybePromise<void> {
    const contents = definition.signedContent(fields)
    const tries: { verifier: Verifier; candidates: string[] }[] = []
    for (const [version, verifier] of verifierList) {
      const candidates: string[] = []
      for (const entry of entries) if (entry.version === version) candidates.push(entry.value)
      if (candidates.length > 0) tries.push({ verifier, candidates })
    }
    const matched = someIndex(tries.length, (i) => tries[i]!.verifier.verify(contents, tries[i]!.candidates))
    return andThen(matched, (ok) => {
      if (!ok) throw signatureMismatch(tries.length > 0, fields, body)
    })
  }

  function signatureMismatch(checked: boolean, fields: SignedFields, body: RawBody) {
    const versions = [...verifiers.keys()].join(' or ')
    return new WebhookVerificationError(
      'invalid_signature',
      checked && definition.signs.body === false
        ? `The ${signature.name} header does not carry the configured ${definition.keyOptions} (a credential, not a signature: the body plays no part). Check it is the one for this endpoint.`
        : checked
          ? `No signature in the ${signature.name} header matches this request with the configured ${definition.keyOptions}. ${definition.signatureHint ?? ''}${bodyHint(body, fields.body, definition.keyOptions)}`
          : `The ${signature.name} header holds no ${versions} signature, the only kind the configured ${definition.keyOptions} can check.`,
    )
  }

  async function sign(input: SignInput): Promise<SignedRequest> {
    const body = toBytes(input.body)
    const url = definition.signUrl ? await definition.signUrl(input.url, body) : input.url
    const signedTimestamp = definition.signs.timestamp
      ? writeTimestamp(input.timestamp, now(), definition.timestampFormat)
      : undefined
    const signedId = id ? (input.id ?? newId()) : undefined
    const headers: Record<string, string> = {
      'Content-Type': looksLikeJson(body) ? 'application/json' : 'application/x-www-form-urlencoded',
      ...definition.constantHeaders,
    }
    if (id && signedId !== undefined) headers[id.name] = signedId
    if (type) {
      if (!input.type) throw new TypeError(`${name}: sign() needs input.type for the ${type.name} header`)
      headers[type.name] = definition.typeHeaderValue?.(input.type) ?? input.type
    }
    if (timestamp && signedTimestamp !== undefined) headers[timestamp.name] = signedTimestamp
    const fields: SignedFields = {
      body,
      timestamp: signedTimestamp,
      id: signedId,
      url,
      method: 'POST',
      headers: readHeaders(headers),
    }
    const content = definition.signedContent(fields)[0]!
    const entries: SignatureEntry[] = []
    for (const [version, verifier] of verifiers) {
      if (verifier.sign) entries.push({ version, value: await verifier.sign(content) })
    }
    // Signing keys only ever go in `secret`: a public key verifies.
    if (entries.length === 0) throw new TypeError(`${name}: sign() needs a signing key in secret`)
    headers[signature.name] = definition.format.write(entries, fields.timestamp)
    return { url, headers, body: input.body }
  }

  return {
    name,
    retryHorizon,
    maxBodyBytes,
    tolerance: definition.signs.timestamp ? tolerance : undefined,
    verify,
    parse(verified) {
      const { payload, id, type } = definition.parse(verified)
      const { raw, headers, timestamp, url } = verified
      const event: WebhookEvent = { id, type, timestamp, payload, raw, headers, providerName: name }
      if (url !== undefined) event.url = url
      return event
    },
    reply: definition.reply,
    methods: definition.methods,
    handshake: definition.handshake,
    split: split && ((event) => split(event.payload, event)?.map((item) => ({ ...event, ...item }))),
    sign,
  }
}

/** Reads one header by its names (first present wins); `name` is how the provider spells the first. */
type HeaderReader = ReturnType<typeof headerReader>

function headerReader(names: readonly string[]) {
  const keys = names.map((name) => name.toLowerCase())
  return {
    name: names[0]!,
    find(headers: HeaderMap): string | undefined {
      for (const key of keys) {
        const value = headers[key]
        // An empty value says nothing: treated as absent.
        if (value) return value
      }
      return undefined
    },
  }
}
