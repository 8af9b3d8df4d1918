import type { Job, WebhookEvent } from '@hookgate/core'

/**
 * How a job is stored. A stream entry holds it in two fields:
 * - `raw`: the body's bytes as they are (Redis strings are binary-safe);
 * - `job`: JSON, `[job]` or `[job, payload]`: the `Job` without `event.raw` and `event.payload` (times in
 *   epoch ms), then the payload, left out and flagged `payloadIsBody` when its JSON is exactly the body's
 *   text. Decoding then parses the body, which gives what parsing a stored copy would, and most providers
 *   send compact JSON, whose payload is exactly that.
 *
 * A retry waiting in the delayed sorted set is one member: the two joined by a newline (the scripts split
 * it again; JSON text has no raw newline).
 */
export type EncodedJob = [job: string, raw: Buffer]

interface StoredEvent extends Omit<WebhookEvent, 'raw' | 'timestamp' | 'payload'> {
  timestamp?: number
  payloadIsBody?: true
}

type Stored = [job: Omit<Job, 'event'> & { event: StoredEvent }, payload?: unknown]

export function encodeJob(job: Job): EncodedJob {
  const { raw, timestamp, payload, ...event } = job.event
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
  const body = bytes.toString('utf8')
  const json = JSON.stringify(payload)
  const payloadIsBody = json !== undefined && json === body
  const stored = JSON.stringify({
    ...job,
    // In-process only (see `Job.validated`): a worker elsewhere validates again.
    validated: undefined,
    event: {
      ...event,
      ...(payloadIsBody ? { payloadIsBody } : {}),
      ...(timestamp === undefined ? {} : { timestamp: timestamp.getTime() }),
    },
  })
  // The payload's JSON, made for the comparison, is spliced in rather than stringified twice.
  return [payloadIsBody || json === undefined ? `[${stored}]` : `[${stored},${json}]`, bytes]
}

/** The job of a stream entry's fields; throws for an entry that is not a hookgate job. */
export function decodeJob(fields: Record<string, Buffer | undefined>): Job {
  if (fields.job === undefined || fields.raw === undefined)
    throw new TypeError('not a hookgate job: the entry has no job or raw field')
  const [{ event, ...job }, payload] = JSON.parse(fields.job.toString('utf8')) as Stored
  const { timestamp, payloadIsBody, ...rest } = event
  return {
    ...job,
    event: {
      ...rest,
      // Decoded as when encoding compared: the same text.
      payload: payloadIsBody ? JSON.parse(fields.raw.toString('utf8')) : payload,
      // A copy the size of the body: the reply's buffer may be a slice of a larger socket chunk.
      raw: new Uint8Array(fields.raw),
      ...dateOf(timestamp),
    },
  }
}

function dateOf(timestamp: number | undefined): { timestamp?: Date } {
  return timestamp === undefined ? {} : { timestamp: new Date(timestamp) }
}
