/**
 * A stream entry, its id as text and its fields as bytes (a job's body is binary); `fields` is null for an
 * entry deleted while still pending.
 */
export type Entry = [id: string, fields: Buffer[] | null]

/** Stream entries as a reply read with ioredis's `...Buffer` commands (`callBuffer`, `xrangeBuffer`) holds them. */
export type EntryReply = [id: Buffer, fields: Buffer[] | null][]

/** `[name, value, name, value, ...]` (stream entry fields, XINFO replies) as an object. */
export function fieldsOf<T>(pairs: readonly T[]): Record<string, T | undefined> {
  const out: Record<string, T | undefined> = {}
  for (let i = 0; i < pairs.length - 1; i += 2) out[String(pairs[i])] = pairs[i + 1]
  return out
}

/** The entries of a reply, with their ids as text. */
export function entriesOf(reply: EntryReply): Entry[] {
  return reply.map(([id, fields]) => [id.toString(), fields])
}

/** The entries of the single stream an `XREADGROUP` reply (read as bytes) holds, if any. */
export function readReply(reply: unknown): Entry[] {
  const streams = reply as [stream: Buffer, entries: EntryReply][] | null
  return entriesOf(streams?.[0]?.[1] ?? [])
}
