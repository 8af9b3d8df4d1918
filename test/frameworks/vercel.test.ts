// docs/frameworks/vercel.md: its function's default export called as Vercel's Node.js runtime calls it, with
// the request context Vercel installs for each request, so `waitUntil` from @vercel/functions (unchanged)
// reaches the one the test holds.
import { afterEach, describe, expect, it } from 'vitest'
import { answer, delivery, expectHandled, expectVerifies, loadPage } from './support/deliveries.js'

const {
  page: { default: fn },
  log,
} = await loadPage(() => import('./vercel/api/webhooks/stripe.js'))

const url = 'https://app.vercel.app/api/webhooks/stripe'
const requestContext = Symbol.for('@vercel/request-context')
const kept: Promise<unknown>[] = []
Object.assign(globalThis, {
  [requestContext]: { get: () => ({ waitUntil: (work: Promise<unknown>) => kept.push(work) }) },
})
afterEach(() => {
  kept.length = 0
})

describe('api/webhooks/stripe.ts', () => {
  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies((request) => fn.fetch(request), url, log)
  })

  it('hands the handler’s first attempt to waitUntil: the 202 goes out first, the handler runs within it', async () => {
    const sent = await delivery(url)
    const response = await fn.fetch(sent.request)
    expect(await answer(response)).toEqual({ status: 202, code: 'accepted' })
    expect(kept).toHaveLength(1)
    await Promise.all(kept)
    await expectHandled(log, sent.id)
  })
})
