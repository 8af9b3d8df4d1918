/** A stream entry as ioredis returns it; `fields` is null for an entry deleted while still pending. */
export type Entry = [id: string, fields: string[] | null]

/** Reads a field of a stream entry (`[name, value, name, value, ...]`). */
export function field(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i < fields.length - 1; i += 2) if (fields[i] === name) return fields[i + 1]
  return undefined
}

/** The entries of the single stream an `XREADGROUP` reply holds, if any. */
export function readReply(reply: unknown): Entry[] {
  const streams = reply as [stream: string, entries: Entry[]][] | null
  return streams?.[0]?.[1] ?? []
}
