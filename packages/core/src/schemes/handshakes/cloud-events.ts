import { utf8 } from '../../crypto/backend.js'
import { readHeaders } from '../../request.js'
import type { ParsedDelivery } from '../engine.js'
import { defineProvider } from '../engine.js'
import { malformedPayload, missingHeader } from '../failures.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField } from '../payload.js'
import type { CommonProviderOptions, Provider, ProviderReply } from '../scheme.js'
import { tokenDefinition } from '../signers/token-definition.js'
import { toList } from '../verifiers.js'
import { methodOf } from './replies.js'

export interface CloudEventsOptions extends CommonProviderOptions {
  /**
   * The access token the sender presents: CloudEvents' webhook spec defines no signature, so this is what
   * authenticates a delivery, compared in constant time. An array while rotating, or a resolver of the
   * request, for a token per tenant.
   */
  token: Keys<string>
  /**
   * The header that carries the token: `Authorization` as `Bearer <token>` (the spec's way), any other
   * header as the token alone.
   * @default 'Authorization'
   */
  header?: string
  /**
   * The origins (`WebHook-Request-Origin`, a host name such as `eventemitter.example.com`) whose abuse
   * protection request (OPTIONS) is granted; `'*'` grants any. Any other origin is refused 403.
   * @default [] (every origin refused: name the senders you expect)
   */
  allowedOrigins?: readonly string[] | '*'
  /**
   * The requests per minute granted to a sender that asks (`WebHook-Request-Rate`), answered as
   * `WebHook-Allowed-Rate`; `'*'` grants any rate.
   * @default '*'
   */
  allowedRate?: number | '*'
}

const structured = 'application/cloudevents+json'
const batched = 'application/cloudevents-batch+json'

/**
 * CloudEvents over HTTP webhooks (the CNCF webhook spec): the abuse protection OPTIONS request is
 * answered 200 with `WebHook-Allowed-Origin` (and `WebHook-Allowed-Rate` when a rate is asked) for
 * `allowedOrigins`, 403 otherwise; the asynchronous `WebHook-Request-Callback` approval is not offered.
 *
 * The spec signs nothing, so `token` is required: the bearer token (or custom header) every delivery must
 * carry. There is no timestamp: a captured request replays until its id is known, as for any token.
 * Structured mode (`application/cloudevents+json`: the event in the body), binary mode (`ce-id`,
 * `ce-source`, `ce-type`, ... headers, the data in the body) and batched mode
 * (`application/cloudevents-batch+json`, split into one event each) are read; the payload is always the
 * event as structured mode writes it (`specversion`, `id`, `source`, `type`, ..., `data`). `id` is
 * `<source> <id>`: ids are unique only per source, and a URI reference holds no space. `type` is the
 * event's `type`. Retries depend on the sender: the dedup window defaults to 3 days.
 */
export function cloudEvents(options: CloudEventsOptions): Provider {
  const allowed = options.allowedOrigins ?? []
  const origins = allowed === '*' ? allowed : allowed.map((origin) => origin.toLowerCase())
  const rate = options.allowedRate ?? '*'
  const provider = resolvingKeys(options, cloudEventsWith, { token: placeholderSecret })
  return {
    ...provider,
    // Outside the resolver: granting an origin takes no token.
    handshake(request) {
      if (methodOf(request) !== 'OPTIONS') return undefined
      const headers = readHeaders(request.headers)
      const origin = headers['webhook-request-origin']
      if (origin === undefined) return undefined
      if (origins !== '*' && !origins.includes(origin.toLowerCase()))
        return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'origin not allowed' }
      const reply: ProviderReply = {
        status: 200,
        headers: { allow: 'POST', 'webhook-allowed-origin': origins === '*' ? '*' : origin },
        body: '',
      }
      if (headers['webhook-request-rate'] !== undefined) reply.headers['webhook-allowed-rate'] = String(rate)
      return reply
    },
  }
}

/** `cloudEvents` with a fixed token, its handshake aside. */
function cloudEventsWith(options: StaticKeys<CloudEventsOptions>): Provider {
  return defineProvider(
    {
      ...tokenDefinition({
        name: 'cloudevents',
        retryHorizon: '3d',
        keyOptions: 'token',
        header: options.header ?? 'Authorization',
        scheme: (options.header ?? 'Authorization').toLowerCase() === 'authorization' ? 'Bearer' : undefined,
        credentials: toList(options.token, 'cloudEvents: token'),
        id: () => undefined,
        type: () => undefined,
      }),
      parse(verified) {
        const contentType = mediaType(verified.headers['content-type'])
        if (contentType === batched) {
          const events = parseJson(verified.raw, 'cloudevents')
          if (!Array.isArray(events)) throw malformedPayload('cloudevents', 'is a batch that is not an array')
          return { payload: events, id: undefined, type: 'batch' }
        }
        const event =
          contentType === structured
            ? parseJson(verified.raw, 'cloudevents')
            : fromBinary(verified.headers, verified.raw)
        return delivery(event)
      },
      split: (payload) => (Array.isArray(payload) ? payload.map(delivery) : undefined),
      methods: ['OPTIONS'],
    },
    options,
  )
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : contentType.split(';', 1)[0]!.trim().toLowerCase()
}

/** An event of the batch, or the one of the delivery: its id namespaced by its source. */
function delivery(event: unknown): ParsedDelivery {
  const id = stringField(event, 'id')
  const source = stringField(event, 'source')
  const type = stringField(event, 'type')
  if (!id || !source || !type)
    throw malformedPayload('cloudevents', 'holds an event without its required id, source and type')
  return { payload: event, id: `${source} ${id}`, type }
}

/** Binary mode: the attributes are `ce-*` headers, the body is the data, as its content type says. */
function fromBinary(headers: Readonly<Record<string, string>>, raw: Uint8Array): Record<string, unknown> {
  const event: Record<string, unknown> = {}
  for (const name of Object.keys(headers))
    if (name.startsWith('ce-') && name.length > 3) event[name.slice(3)] = headers[name]
  for (const attribute of ['id', 'source', 'type', 'specversion'])
    if (event[attribute] === undefined) throw missingHeader(`ce-${attribute}`, 'a CloudEvents sender')
  const contentType = headers['content-type']
  if (contentType !== undefined) event.datacontenttype = contentType
  if (raw.length > 0)
    event.data = /[/+]json$/.test(mediaType(contentType) ?? '') ? parseJson(raw, 'cloudevents') : utf8(raw)
  return event
}
