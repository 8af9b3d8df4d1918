import type { RejectionCode } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import { jsonContentType, type Outcome, rejectionOutcome } from '../outcome/outcome.js'

/** How an item of a batch was answered, as the delivery's body lists it. */
interface ItemAnswer {
  id: string | undefined
  code: Outcome['code']
}

/**
 * One answer for a delivery of several events, from the answers its items got, each deduplicated and
 * handed off on its own. A 2xx means every new item is handed off (duplicates were skipped). Otherwise the
 * answer is the first refusal that asks to retry later (a 503, an item still in progress), else the first
 * refusal: the sender then retries (or drops) the whole delivery, and the items already handed off are
 * duplicates by then, so nothing runs twice and nothing handed off is lost. The body lists every item.
 */
export function batchOutcome(answers: readonly Outcome[], items: readonly WebhookEvent[]): Outcome {
  const listed: ItemAnswer[] = answers.map((answer, i) => ({ id: items[i]!.id, code: answer.code }))
  const refused = answers.filter((answer) => answer.status >= 300)
  const refusal = refused.find((answer) => 'retry-after' in answer.headers) ?? refused[0]
  if (refusal !== undefined) {
    const { message } = JSON.parse(refusal.body) as { message: string }
    const { 'content-type': _, ...headers } = refusal.headers
    return rejectionOutcome(refusal.code as RejectionCode, message, headers, { items: listed })
  }
  const codes = new Set(answers.map((answer) => answer.code))
  const code = codes.has('accepted')
    ? 'accepted'
    : codes.has('handled')
      ? 'handled'
      : codes.size === 1 && codes.has('ignored')
        ? 'ignored'
        : 'duplicate'
  return {
    status: code === 'accepted' ? 202 : 200,
    code,
    headers: { 'content-type': jsonContentType },
    body: JSON.stringify({ ok: true, code, items: listed }),
  }
}
