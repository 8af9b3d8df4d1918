import { malformedHeader } from './failures.js'
import { readUnixSeconds } from './freshness.js'

/**
 * How a sender writes its signed timestamp: unix seconds (most), unix milliseconds (HubSpot, Sanity,
 * Contentful, Webflow), or an RFC 3339 date-time (Box).
 */
export type TimestampFormat = 'seconds' | 'milliseconds' | 'rfc3339'

/** RFC 3339 with a zone, as Box writes it (`2026-12-01T10:00:00-08:00`); fractions allowed, nothing else. */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

/** The timestamp in ms since the epoch; one spelling per instant, since the signed text is what gets hashed. */
export function readTimestamp(text: string, header: string, format: TimestampFormat = 'seconds'): number {
  if (format === 'seconds') return readUnixSeconds(text, header) * 1000
  if (format === 'milliseconds') {
    if (!/^\d{1,15}$/.test(text)) throw malformedHeader(header, 'must be a whole number of unix milliseconds')
    return Number(text)
  }
  const ms = rfc3339.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(ms)) throw malformedHeader(header, 'must be an RFC 3339 date-time with a zone')
  return ms
}

/** What `sign` writes: `seconds` (unix seconds, from `SignInput.timestamp`) or now, in `format`. */
export function writeTimestamp(
  seconds: number | undefined,
  nowMs: number,
  format: TimestampFormat = 'seconds',
): string {
  if (format === 'seconds') return String(seconds ?? Math.floor(nowMs / 1000))
  const ms = seconds === undefined ? nowMs : Math.round(seconds * 1000)
  if (format === 'milliseconds') return String(ms)
  // Box's own spelling: whole seconds and a numeric zone.
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`
}
