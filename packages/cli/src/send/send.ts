import type { Scheme } from '@hookgate/core'
import type { Delivery } from './plan.js'
import { forEachConcurrent } from './pool.js'
import { type DeliveryResult, post, signDelivery } from './post.js'

export interface SendRun {
  url: string
  scheme: Scheme
  deliveries: Iterable<Delivery>
  concurrency: number
  timeoutMs: number
  /** Called as each response arrives (in completion order), for live output and progress. */
  onResult?: (result: DeliveryResult) => void
}

/** Signs and POSTs every delivery, `concurrency` at a time; resolves to the results in send order. */
export async function sendDeliveries(run: SendRun): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = []
  await forEachConcurrent(run.deliveries, run.concurrency, async (delivery) => {
    const signed = await signDelivery(run.scheme, run.url, delivery)
    const result = await post(run.url, signed, delivery, { timeoutMs: run.timeoutMs })
    results.push(result)
    run.onResult?.(result)
  })
  return results.sort((a, b) => a.seq - b.seq)
}
