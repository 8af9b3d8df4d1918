/** A stream entry as ioredis returns it; `fields` is null for an entry deleted while still pending. */
export type Entry = [id: string, fields: string[] | null]

/** `[name, value, name, value, ...]` (stream entry fields, XINFO replies) as an object. */
export function fieldsOf<T>(pairs: readonly T[]): Record<string, T | undefined> {
  const out: Record<string, T | undefined> = {}
  for (let i = 0; i < pairs.length - 1; i += 2) out[String(pairs[i])] = pairs[i + 1]
  return out
}

/** The entries of the single stream an `XREADGROUP` reply holds, if any. */
export function readReply(reply: unknown): Entry[] {
  const streams = reply as [stream: string, entries: Entry[]][] | null
  return streams?.[0]?.[1] ?? []
}
