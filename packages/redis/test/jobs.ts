import type { AttemptResult, HandoffQueue, Job } from '@hookgate/core'

/** The claim every queue test takes. */
export const claim = { payloadHash: 'h1', lease: 10_000, dedupWindow: 60_000 }
/** The receiver's default bound on a durable queue: far above what any test enqueues. */
export const limits = { maxPending: 100_000 }

/** A job whose body holds bytes that are not UTF-8. */
export function job(id: string): Omit<Job, 'token'> {
  return {
    key: `test:${id}`,
    attempt: 1,
    succeeded: [],
    receivedAt: 1_700_000_000_000,
    event: {
      id,
      type: 'thing.happened',
      timestamp: new Date(1_700_000_000_000),
      payload: { id, n: [1, 2] },
      raw: new Uint8Array([0, 255, 10, 13, 34]),
      headers: { 'webhook-id': id },
      providerName: 'test',
    },
  }
}

/** Runs a worker until `until` says stop (or 10 s), collecting every job it was given. */
export async function work(
  queue: HandoffQueue,
  decide: (job: Job, seen: Job[]) => AttemptResult | Promise<AttemptResult>,
  until: (seen: Job[]) => boolean,
  { concurrency = 4 } = {},
): Promise<Job[]> {
  const seen: Job[] = []
  const controller = new AbortController()
  const stop = setTimeout(() => controller.abort(), 10_000)
  const running = queue.consume(
    async (job) => {
      seen.push(job)
      const result = await decide(job, seen)
      if (until(seen)) setImmediate(() => controller.abort())
      return result
    },
    { concurrency, signal: controller.signal },
  )
  await running
  clearTimeout(stop)
  return seen
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
