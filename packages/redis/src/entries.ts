import { UnexpectedReplyError } from './errors.js'

/**
 * A stream entry, its id as text and its fields as bytes (a job's body is binary); `fields` is null for an
 * entry deleted while still pending.
 */
export type Entry = [id: string, fields: Buffer[] | null]

/** An entry a worker took, with the stream it came from (new jobs or due retries). */
export interface Taken {
  stream: string
  id: string
  fields: Buffer[] | null
}

/** `[name, value, name, value, ...]` (stream entry fields, XINFO replies) as an object. */
export function fieldsOf<T>(pairs: readonly T[]): Record<string, T | undefined> {
  const out: Record<string, T | undefined> = {}
  for (let i = 0; i < pairs.length - 1; i += 2) out[String(pairs[i])] = pairs[i + 1]
  return out
}

/**
 * One record of an XINFO reply: a flat `[name, value, ...]` array (RESP2, and ioredis 6's default
 * `replyMapping: 'legacy'`) or a plain object (ioredis 6 with `replyMapping: 'resp3'`).
 */
export function recordOf(what: string, reply: unknown): Record<string, unknown> {
  if (Array.isArray(reply)) return fieldsOf(reply)
  if (isPlainObject(reply)) return reply
  throw new UnexpectedReplyError(what, reply)
}

/** The entries of a reply, with their ids as text; throws `UnexpectedReplyError` for any other shape. */
export function entriesOf(reply: unknown, what = 'a stream read'): Entry[] {
  if (!Array.isArray(reply)) throw new UnexpectedReplyError(what, reply)
  return reply.map((entry: unknown): Entry => {
    if (!Array.isArray(entry) || !isText(entry[0]) || !(entry[1] === null || Array.isArray(entry[1])))
      throw new UnexpectedReplyError(what, entry)
    return [entry[0].toString(), entry[1] as Buffer[] | null]
  })
}

/** An `XAUTOCLAIM` reply (read as bytes): where the scan goes on (`0-0` once done), and the entries taken. */
export function claimReply(reply: unknown): { cursor: string; entries: Entry[] } {
  if (!Array.isArray(reply) || !isText(reply[0])) throw new UnexpectedReplyError('XAUTOCLAIM', reply)
  return { cursor: reply[0].toString(), entries: entriesOf(reply[1], 'XAUTOCLAIM') }
}

/**
 * The entries of the single stream an `XREADGROUP` reply (read as bytes) holds, if any. The reply is a
 * map from stream name to entries, which reaches us in three shapes: RESP2 `[[stream, entries]]` (ioredis
 * 5, or 6 on `protocol: 2`); RESP3 flattened to `[stream, entries]` (ioredis 6's default: `callBuffer`
 * applies none of the reply transformers its `xreadgroup` method does); RESP3 as an object keyed by the
 * stream's name (ioredis 6 with `replyMapping: 'resp3'`). `null` is a read that found nothing.
 */
export function readReply(reply: unknown): Entry[] {
  if (reply === null) return []
  const what = 'XREADGROUP'
  if (Array.isArray(reply)) {
    if (reply.length === 0) return []
    const [first] = reply
    if (Array.isArray(first) && reply.length === 1) return entriesOf(first[1], what)
    if (isText(first) && reply.length === 2) return entriesOf(reply[1], what)
  } else if (isPlainObject(reply)) {
    const streams = Object.values(reply)
    if (streams.length === 1) return entriesOf(streams[0], what)
  }
  throw new UnexpectedReplyError(what, reply)
}

function isText(value: unknown): value is Buffer | string {
  return typeof value === 'string' || Buffer.isBuffer(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
}
