import {
  type AttemptResult,
  ClaimLostError,
  type HandlerContext,
  type HandoffQueue,
  type IdempotencyStore,
  type Job,
  memoryStore,
  type Receiver,
} from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { deferred, deliver, freshId, quiet, receiverFor, until } from './helpers.js'

/**
 * A durable queue the test drives: it keeps what is enqueued and runs a job only when told, so two workers
 * can be handed the same job, as a consumer group does when it moves a silent worker's entry to another.
 */
function manualQueue() {
  const jobs: Job[] = []
  let attempt: ((job: Job) => Promise<AttemptResult>) | undefined
  const queue: HandoffQueue = {
    durable: true,
    enqueue: (job) => {
      jobs.push(job)
    },
    consume: (run, { signal }) => {
      attempt = run
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
    },
    listDeadLetters: async () => [],
    replayDeadLetters: async () => 0,
    purgeDeadLetters: async () => 0,
  }
  const run = (job: Job) => {
    if (!attempt) throw new Error('work() was not called')
    return attempt(job)
  }
  return { queue, jobs, run }
}

/** A worker on a shared store, with its hooks and warnings recorded; `handle` registers its handlers. */
function worker(store: IdempotencyStore, lease: number, handle: (ctx: HandlerContext) => unknown) {
  return workerWith(store, lease, (receiver) => receiver.on('invoice.paid', (_event, ctx) => handle(ctx)))
}

function workerWith(store: IdempotencyStore, lease: number, register: (receiver: Receiver) => void) {
  const { queue, jobs, run } = manualQueue()
  const hooks = { onHandled: vi.fn(), onClaimLost: vi.fn() }
  const logger = { ...quiet, warn: vi.fn() }
  const receiver = receiverFor('stripe', { store, queue, lease, hooks, logger })
  register(receiver)
  receiver.work()
  return { receiver, jobs, run, hooks, logger }
}

const invoicePaid = z.object({ data: z.object({ object: z.object({ id: z.string() }) }) })

/** A tagged template standing in for a SQL client. */
type Sql = (query: TemplateStringsArray, ...values: unknown[]) => Promise<void>

/** The fenced write of docs/guide.md ("Holders and fences"), line for line. */
function payInvoices(receiver: Receiver, sql: Sql) {
  receiver.on('invoice.paid', invoicePaid, async (event, ctx) => {
    // A holder that froze and woke up late carries a smaller fence than the one that took over: refused.
    await sql`
    INSERT INTO paid_invoices (delivery_id, fence, invoice_id)
    VALUES (${ctx.deliveryId}, ${ctx.fence}, ${event.payload.data.object.id})
    ON CONFLICT (delivery_id) DO UPDATE SET fence = excluded.fence, invoice_id = excluded.invoice_id
      WHERE paid_invoices.fence <= excluded.fence`
  })
}

const lostWarning = expect.stringContaining('another worker took the claim over')

describe('a holder that stalls past its lease while another worker takes its job over', () => {
  it('notices at its next renewal: its signal aborts, it warns, onClaimLost fires, and only the new holder completes', async () => {
    const store = memoryStore()
    const fences: number[] = []
    let reason: unknown
    // Renewed every 20 ms: the stalled holder hears of the takeover at its next tick.
    const stalled = worker(store, 60, async (ctx) => {
      fences.push(ctx.fence!)
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }))
      reason = ctx.signal.reason
    })
    const taker = worker(store, 60, (ctx) => {
      fences.push(ctx.fence!)
    })
    const id = freshId()
    expect((await deliver(stalled.receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('accepted')
    const [job] = stalled.jobs
    const first = stalled.run(job!)
    await until(() => expect(fences).toHaveLength(1))

    expect(await taker.run(job!)).toEqual({ status: 'done' })
    expect(await first).toEqual({ status: 'done' })

    expect(reason).toBeInstanceOf(ClaimLostError)
    expect(fences[1]).toBeGreaterThan(fences[0]!)
    expect(stalled.hooks.onClaimLost).toHaveBeenCalledTimes(1)
    expect(stalled.hooks.onClaimLost.mock.calls[0]?.[0]).toMatchObject({ deliveryId: id, fence: fences[0] })
    expect(stalled.logger.warn).toHaveBeenCalledWith(
      { deliveryId: id, attempt: 1, fence: fences[0] },
      lostWarning,
    )
    expect(stalled.hooks.onHandled).not.toHaveBeenCalled()
    expect(taker.hooks.onHandled).toHaveBeenCalledTimes(1)
    expect(taker.hooks.onClaimLost).not.toHaveBeenCalled()
    expect((await deliver(taker.receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('duplicate')
    await Promise.all([stalled.receiver.close(), taker.receiver.close()])
  })

  it('cannot complete when it did not renew in time: its completion is refused and reported', async () => {
    const store = memoryStore()
    const gate = deferred()
    let signal: AbortSignal | undefined
    // A lease far longer than the test: no renewal tick, only the completion can tell.
    const stalled = worker(store, 60_000, async (ctx) => {
      signal = ctx.signal
      await gate.promise
    })
    const taker = worker(store, 60_000, () => {})
    const id = freshId()
    await deliver(stalled.receiver, 'stripe', { id, type: 'invoice.paid' })
    const [job] = stalled.jobs
    const first = stalled.run(job!)
    await until(() => expect(signal).toBeDefined())
    expect(await taker.run(job!)).toEqual({ status: 'done' })
    expect(signal?.aborted).toBe(false)
    gate.resolve()

    expect(await first).toEqual({ status: 'done' })
    expect(signal?.reason).toBeInstanceOf(ClaimLostError)
    expect(stalled.hooks.onClaimLost).toHaveBeenCalledTimes(1)
    expect(stalled.logger.warn).toHaveBeenCalledWith(expect.objectContaining({ deliveryId: id }), lostWarning)
    expect(stalled.hooks.onHandled).not.toHaveBeenCalled()
    expect(taker.hooks.onHandled).toHaveBeenCalledTimes(1)
    await Promise.all([stalled.receiver.close(), taker.receiver.close()])
  })

  it('stops a job whose claim lapsed and was taken by a new delivery of the id, without running it', async () => {
    const store = memoryStore()
    const late = worker(store, 30, vi.fn())
    const fresh = worker(store, 30, vi.fn())
    const id = freshId()
    await deliver(late.receiver, 'stripe', { id, type: 'invoice.paid' })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect((await deliver(fresh.receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('accepted')
    expect(await late.run(late.jobs[0]!)).toEqual({ status: 'done' })
    expect(late.hooks.onClaimLost.mock.calls[0]?.[0]).toMatchObject({ deliveryId: id, fence: undefined })
    expect(await fresh.run(fresh.jobs[0]!)).toEqual({ status: 'done' })
    expect(fresh.hooks.onHandled).toHaveBeenCalledTimes(1)
    expect(late.hooks.onHandled).not.toHaveBeenCalled()
    await Promise.all([late.receiver.close(), fresh.receiver.close()])
  })
})

describe('fences', () => {
  it("let the guide's fenced write refuse a frozen holder's late write", async () => {
    // paid_invoices in memory: the upsert applies only when no row has a greater fence.
    const rows = new Map<unknown, { fence: number; invoiceId: unknown }>()
    const frozen = deferred()
    const fences: number[] = []
    const sql: Sql = async (_query, deliveryId, fence, invoiceId) => {
      // The first holder freezes right before its write, and wakes up after the taker's.
      if (fences.push(Number(fence)) === 1) await frozen.promise
      const row = rows.get(deliveryId)
      if (row === undefined || row.fence <= Number(fence))
        rows.set(deliveryId, { fence: Number(fence), invoiceId })
    }
    const store = memoryStore()
    const stalled = workerWith(store, 60_000, (receiver) => payInvoices(receiver, sql))
    const taker = workerWith(store, 60_000, (receiver) => payInvoices(receiver, sql))
    const id = freshId()
    await deliver(stalled.receiver, 'stripe', { id, type: 'invoice.paid', data: { object: { id: 'in_1' } } })
    const [job] = stalled.jobs
    const first = stalled.run(job!)
    await until(() => expect(fences).toHaveLength(1))
    expect(await taker.run(job!)).toEqual({ status: 'done' })
    const written = rows.get(id)
    frozen.resolve()
    expect(await first).toEqual({ status: 'done' })
    expect(fences[0]).toBeLessThan(fences[1]!)
    expect(rows.get(id)).toBe(written)
    expect(written).toEqual({ fence: fences[1], invoiceId: 'in_1' })
    expect(stalled.hooks.onClaimLost).toHaveBeenCalledTimes(1)
    expect(stalled.hooks.onHandled).not.toHaveBeenCalled()
    await Promise.all([stalled.receiver.close(), taker.receiver.close()])
  })

  it('gives each attempt a greater fence than the one before', async () => {
    const receiver = receiverFor('stripe', { retry: { attempts: 3, baseDelay: 1, maxDelay: 1 } })
    const fences: (number | undefined)[] = []
    receiver.on('invoice.paid', (_event, ctx) => {
      fences.push(ctx.fence)
      if (ctx.attempt < 3) throw new Error('not yet')
    })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await until(() => expect(fences).toHaveLength(3))
    await receiver.close()
    expect(fences.every((fence) => typeof fence === 'number')).toBe(true)
    expect([...fences].sort((a, b) => a! - b!)).toEqual(fences)
    expect(new Set(fences).size).toBe(3)
  })

  it("answers 500 with ack: 'handled' when the claim was taken over while handlers ran", async () => {
    const store = memoryStore()
    const claim = vi.spyOn(store, 'claim')
    const receiver = receiverFor('stripe', { store, lease: 60, ack: 'handled', logger: quiet })
    const id = freshId()
    let reason: unknown
    receiver.on('invoice.paid', async (_event, ctx) => {
      const [[key, options] = []] = claim.mock.calls
      const claimed = claim.mock.results[0]?.value
      if (!key || !options || claimed?.status !== 'claimed') throw new Error('unreachable')
      // Another worker takes the claim over.
      store.acquire(key, claimed.token, options)
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }))
      reason = ctx.signal.reason
    })
    const outcome = await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    expect(reason).toBeInstanceOf(ClaimLostError)
    expect(outcome.status).toBe(500)
    expect(outcome.code).toBe('handler_failed')
    await receiver.close()
  })
})
