import type { Job, WebhookEvent } from '@hookgate/core'

/** A job as stored in a stream entry's `job` field: JSON, with the raw body in base64 and times in epoch ms. */
interface StoredJob extends Omit<Job, 'event'> {
  event: Omit<WebhookEvent, 'raw' | 'timestamp'> & { raw: string; timestamp?: number }
}

export function encodeJob(job: Job): string {
  const { raw, timestamp, ...event } = job.event
  const stored: StoredJob = {
    ...job,
    event: {
      ...event,
      raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64'),
      ...(timestamp === undefined ? {} : { timestamp: timestamp.getTime() }),
    },
  }
  return JSON.stringify(stored)
}

export function decodeJob(text: string): Job {
  const { event, ...job } = JSON.parse(text) as StoredJob
  const { raw, timestamp, ...rest } = event
  return {
    ...job,
    event: {
      ...rest,
      raw: new Uint8Array(Buffer.from(raw, 'base64')),
      ...(timestamp === undefined ? {} : { timestamp: new Date(timestamp) }),
    },
  }
}
