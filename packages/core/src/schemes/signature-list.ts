import type { HeaderMap } from '../request.js'
import { malformedHeader } from './failures.js'

/**
 * At most this many entries are read from one signature header. Providers send one to three (a key
 * rotation, a second algorithm); a longer list is refused with `malformed_header` before any of it is
 * hashed or decoded, so a header with thousands of entries costs no more than one with ten.
 */
export const maxSignatureEntries = 10

/** What a signature header says: the signatures to try, by version, and the timestamp when it carries one. */
export interface SignatureRead {
  entries: SignatureEntry[]
  /** Stripe puts the signed timestamp in the signature header (`t=`). */
  timestamp?: string
}

export interface SignatureEntry {
  /** `v1`, `v1a`, ...; `''` for providers with a single, unversioned signature. */
  version: string
  /** Still encoded (hex or base64): decoding is the verifier's job. */
  value: string
}

/** Separator patterns for `splitSignatureList`: runs of any of the characters count as one. */
export const spaces = /[ \t]+/
export const commasOrSpaces = /[, \t]+/

/**
 * The one parser of signature lists: splits `value` on `separators`, bounded by `maxSignatureEntries`
 * (`split`'s limit stops the scan, so a huge list is never split whole). Repeated headers arrive joined
 * by ", ", so they split too.
 */
export function splitSignatureList(value: string, separators: RegExp, header: string): string[] {
  // The common case, one signature and nothing around it, costs one scan and no allocation.
  if (value && !separators.test(value)) return [value]
  // Runs of separators are merged, so only the first and last pieces can be empty.
  const entries = value.split(separators, maxSignatureEntries + 2).filter(Boolean)
  if (entries.length > maxSignatureEntries)
    throw malformedHeader(
      header,
      `lists more than ${maxSignatureEntries} signatures, more than any sender uses`,
    )
  if (entries.length === 0) throw malformedHeader(header, 'holds no signature')
  return entries
}

/**
 * Entries written `<version><separator><signature>`: Standard Webhooks' `v1,<base64>` and Stripe's
 * `v1=<hex>`. Every entry must have the separator; unknown versions are kept (and later ignored).
 */
export function readVersioned(
  value: string,
  listSeparators: RegExp,
  versionSeparator: string,
  header: string,
) {
  return splitSignatureList(value, listSeparators, header).map((entry): SignatureEntry => {
    const at = entry.indexOf(versionSeparator)
    if (at <= 0)
      throw malformedHeader(header, `has an entry that is not <version>${versionSeparator}<signature>`)
    return { version: entry.slice(0, at), value: entry.slice(at + 1) }
  })
}

/** Entries written `<prefix><signature>`, like GitHub's `sha256=<hex>` or Slack's `v0=<hex>`. */
export function readPrefixed(value: string, prefix: string, header: string): SignatureEntry[] {
  return splitSignatureList(value, commasOrSpaces, header).map((entry) => {
    if (!entry.startsWith(prefix)) throw malformedHeader(header, `must be written ${prefix}<signature>`)
    return { version: '', value: entry.slice(prefix.length) }
  })
}

/** How a provider reads and writes its signature header. */
export interface SignatureFormat {
  /** `headers` for senders whose other headers say how to read it (Box's second signature header). */
  read(value: string, header: string, headers: HeaderMap): SignatureRead
  write(entries: readonly SignatureEntry[], timestamp: string | undefined): string
}

/** `<prefix><signature>`, the most common shape: GitHub, Slack, Shopify (no prefix), Twilio, `hmac()`. */
export const prefixedFormat = (prefix: string): SignatureFormat => ({
  read: (value, header) => ({ entries: readPrefixed(value, prefix, header) }),
  write: (entries) => entries.map((entry) => prefix + entry.value).join(', '),
})

/**
 * `<key>=<timestamp>,<version>=<signature>...`, the timestamp inside the signature header: Stripe, Mux,
 * Sanity and Calendly write `t=` and commas, Paddle `ts=` and semicolons. Every signature is kept by its
 * version (rotation sends several); exactly one timestamp.
 */
export function timestampedFormat(key: string, separator: ',' | ';'): SignatureFormat {
  const separators = separator === ',' ? commasOrSpaces : /[; \t]+/
  return {
    read(value, header) {
      let timestamp: string | undefined
      const entries: SignatureEntry[] = []
      for (const entry of readVersioned(value, separators, '=', header)) {
        if (entry.version !== key) entries.push(entry)
        else if (timestamp === undefined) timestamp = entry.value
        else throw malformedHeader(header, `has more than one ${key}= timestamp`)
      }
      if (timestamp === undefined) throw malformedHeader(header, `has no ${key}= timestamp`)
      return { entries, timestamp }
    },
    write: (entries, timestamp) =>
      [`${key}=${timestamp}`, ...entries.map((entry) => `${entry.version}=${entry.value}`)].join(separator),
  }
}
