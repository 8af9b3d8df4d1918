import type { Provider } from '@hookgate/core'
import { inSeqOrder } from './in-order.js'
import type { Delivery } from './plan.js'
import { forEachConcurrent } from './pool.js'
import { type DeliveryResult, post, signDelivery } from './post.js'

export interface SendRun {
  url: string
  provider: Provider
  /** Each event followed by its duplicates, as `planDeliveries` yields them. */
  deliveries: Iterable<Delivery>
  concurrency: number
  timeoutMs: number
  /** Called as each response arrives (in completion order), for progress. */
  onAnswer?: (result: DeliveryResult) => void
  /** Called with each result in send order (`seq`), as soon as every earlier one is in, for live lines. */
  onResult?: (result: DeliveryResult) => void
}

/**
 * Signs and POSTs every delivery, `concurrency` at a time; resolves to the results in send order. A
 * duplicate goes once its original is answered, as a provider's retry follows the delivery it repeats: the
 * original is the copy the receiver sees first, so it is the one accepted (raced, a copy could be accepted
 * while the original waits, or be answered `in_progress`). Duplicates still race each other and other events.
 */
export async function sendDeliveries(run: SendRun): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = []
  const emit = inSeqOrder((result: DeliveryResult) => run.onResult?.(result))
  let original: Promise<void> = Promise.resolve()
  const deliver = async (delivery: Delivery) => {
    const signed = await signDelivery(run.provider, run.url, delivery)
    const result = await post(run.url, signed, delivery, { timeoutMs: run.timeoutMs })
    results.push(result)
    emit(result)
    run.onAnswer?.(result)
  }
  await forEachConcurrent(run.deliveries, run.concurrency, (delivery) => {
    // The pool starts each delivery as it takes it from the plan, so the last original taken is this
    // duplicate's own.
    if (delivery.copy > 0) return original.then(() => deliver(delivery))
    original = deliver(delivery)
    return original
  })
  return results.sort((a, b) => a.seq - b.seq)
}
