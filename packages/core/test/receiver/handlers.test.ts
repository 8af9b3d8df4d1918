import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { bodyOf, deliver, freshId, quiet, receiverFor, sleep, until } from './helpers.js'

describe('routing', () => {
  it('runs the handlers of the type, of a type list, and of *; nothing else', async () => {
    const receiver = receiverFor('stripe')
    const calls: string[] = []
    receiver.on('invoice.paid', (event) => void calls.push(`paid:${event.type}`))
    receiver.on(
      ['customer.created', 'customer.updated'],
      (event) => void calls.push(`customer:${event.type}`),
    )
    receiver.on('*', (event) => void calls.push(`any:${event.type}`))
    for (const type of ['invoice.paid', 'customer.updated', 'charge.refunded']) {
      expect((await deliver(receiver, 'stripe', { id: freshId(), type })).code).toBe('accepted')
    }
    await receiver.close()
    expect(calls.sort()).toEqual(
      [
        'paid:invoice.paid',
        'any:invoice.paid',
        'customer:customer.updated',
        'any:customer.updated',
        'any:charge.refunded',
      ].sort(),
    )
  })

  it('refuses registrations that cannot work, at registration', async () => {
    const receiver = receiverFor('stripe')
    expect(() => receiver.on('x', { parse() {} } as never, () => {})).toThrow(/Standard Schema/)
    expect(() => receiver.on('x', 'handler' as never)).toThrow(/handler function/)
    expect(() => receiver.on([], () => {})).toThrow(/at least one event type/)
    await receiver.close()
  })

  it('answers 200 ignored to a type nobody handles, without claiming it', async () => {
    const onReceived = vi.fn()
    const receiver = receiverFor('stripe', { hooks: { onReceived } })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const id = freshId()
    const outcome = await deliver(receiver, 'stripe', { id, type: 'charge.refunded' })
    expect(outcome.status).toBe(200)
    expect(bodyOf(outcome)).toEqual({ ok: true, code: 'ignored', id })
    expect(onReceived).toHaveBeenCalledWith(expect.objectContaining({ outcome }))
    await receiver.close()
    expect(handler).not.toHaveBeenCalled()
  })

  it("parks unknown types in the dead letters with unknownType: 'dead-letter', replayable once handled", async () => {
    const receiver = receiverFor('stripe', { unknownType: 'dead-letter' })
    receiver.on('invoice.paid', () => {})
    const id = freshId()
    expect((await deliver(receiver, 'stripe', { id, type: 'charge.refunded' })).code).toBe('accepted')
    await until(async () => expect(await receiver.deadLetters.list()).toHaveLength(1))
    const [letter] = await receiver.deadLetters.list()
    expect(letter?.error).toContain('charge.refunded')
    const handler = vi.fn()
    receiver.on('charge.refunded', handler)
    expect(await receiver.deadLetters.replay()).toBe(1)
    await until(() => expect(handler).toHaveBeenCalledTimes(1))
    expect(await receiver.deadLetters.list()).toEqual([])
    await receiver.close()
  })
})

describe('retries and dead letters', () => {
  it('runs a handler that fails twice then succeeds three times, and does not dead-letter it', async () => {
    const onRetry = vi.fn()
    const onHandled = vi.fn()
    const deadLetterHandler = vi.fn()
    const receiver = receiverFor('stripe', {
      retry: { attempts: 3, baseDelay: 1 },
      hooks: { onRetry, onHandled },
    })
    receiver.deadLetters.handle(deadLetterHandler)
    const attempts: number[] = []
    receiver.on('invoice.paid', (_event, ctx) => {
      attempts.push(ctx.attempt)
      if (ctx.attempt < 3) throw new Error(`flaky ${ctx.attempt}`)
    })
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    await until(() => expect(onHandled).toHaveBeenCalledTimes(1))
    expect(attempts).toEqual([1, 2, 3])
    expect(onRetry).toHaveBeenCalledTimes(2)
    expect(onRetry.mock.calls[0]?.[0]).toMatchObject({
      attempt: 1,
      deliveryId: id,
      failedHandlers: ['invoice.paid#0'],
    })
    expect(onHandled.mock.calls[0]?.[0]).toMatchObject({ attempt: 3, deliveryId: id })
    expect(deadLetterHandler).not.toHaveBeenCalled()
    expect(await receiver.deadLetters.list()).toEqual([])
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('duplicate')
    await receiver.close()
  })

  it('dead-letters a handler that always fails after `attempts`, then keeps suppressing duplicates', async () => {
    const hookDeadLetter = vi.fn()
    const receiver = receiverFor('stripe', {
      retry: { attempts: 4, baseDelay: 1 },
      hooks: { onDeadLettered: hookDeadLetter },
    })
    const sink = vi.fn()
    receiver.deadLetters.handle(sink)
    const handler = vi.fn((): void => {
      throw new Error('downstream is down')
    })
    receiver.on('invoice.paid', handler)
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    await until(() => expect(sink).toHaveBeenCalledTimes(1))
    expect(handler).toHaveBeenCalledTimes(4)
    expect(sink.mock.calls[0]?.[0]).toMatchObject({ id, type: 'invoice.paid' })
    expect(sink.mock.calls[0]?.[1]).toMatchObject({ message: 'downstream is down' })
    expect(hookDeadLetter.mock.calls[0]?.[0]).toMatchObject({ attempt: 4, deliveryId: id })
    expect(hookDeadLetter.mock.calls[0]?.[0].sinceReceivedMs).toBeGreaterThanOrEqual(0)
    await until(async () => expect(await receiver.deadLetters.list()).toHaveLength(1))
    const letters = await receiver.deadLetters.list()
    expect(letters[0]).toMatchObject({
      error: 'downstream is down',
      job: { key: `stripe:${id}`, attempt: 4 },
    })
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('duplicate')

    // Fixed downstream: the replay runs it again, once, from attempt 1.
    handler.mockImplementation(() => undefined)
    expect(await receiver.deadLetters.replay([letters[0]!.id])).toBe(1)
    await until(() => expect(handler).toHaveBeenCalledTimes(5))
    expect(await receiver.deadLetters.list()).toEqual([])
    await receiver.close()
  })

  it('awaits every deadLetters.handle() handler in turn before onDeadLettered, and chains', async () => {
    const order: string[] = []
    const receiver = receiverFor('stripe', {
      retry: { attempts: 1 },
      hooks: { onDeadLettered: () => order.push('hook') },
    })
    const slow = async () => {
      await sleep(5)
      order.push('first')
    }
    expect(receiver.deadLetters.handle(slow).handle(() => order.push('second'))).toBe(receiver.deadLetters)
    expect(() => receiver.deadLetters.handle('page someone' as never)).toThrow(/needs a handler function/)
    receiver.on('invoice.paid', () => {
      throw new Error('down')
    })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await until(() => expect(order).toEqual(['first', 'second', 'hook']))
    await receiver.close()
  })

  it('purges dead letters', async () => {
    const receiver = receiverFor('stripe', { retry: { attempts: 1 } })
    receiver.on('invoice.paid', () => {
      throw new Error('no')
    })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await until(async () => expect(await receiver.deadLetters.list()).toHaveLength(2))
    expect(await receiver.deadLetters.purge()).toBe(2)
    expect(await receiver.deadLetters.list()).toEqual([])
    await receiver.close()
  })

  it('runs every handler of a type when one fails, and retries only the failed one', async () => {
    const onHandled = vi.fn()
    const receiver = receiverFor('stripe', { retry: { attempts: 3, baseDelay: 1 }, hooks: { onHandled } })
    const steady = vi.fn()
    const wildcard = vi.fn()
    let flakyRuns = 0
    receiver.on('invoice.paid', steady)
    receiver.on('invoice.paid', () => {
      flakyRuns++
      if (flakyRuns === 1) throw new Error('once')
    })
    receiver.on('*', wildcard)
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await until(() => expect(onHandled).toHaveBeenCalledTimes(1))
    await receiver.close()
    expect(flakyRuns).toBe(2)
    expect(steady).toHaveBeenCalledTimes(1)
    expect(wildcard).toHaveBeenCalledTimes(1)
    expect(onHandled.mock.calls[0]?.[0].attempt).toBe(2)
  })

  it('gives handlers ctx: attempt, deliveryId, fence, signal, log', async () => {
    const log = { ...quiet, info: vi.fn() }
    const receiver = receiverFor('stripe', { logger: log })
    const contexts: unknown[] = []
    receiver.on('invoice.paid', (_event, ctx) => {
      contexts.push(ctx)
      ctx.log.info({ step: 'handler' }, 'hello')
    })
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    await receiver.close()
    expect(contexts).toEqual([
      { attempt: 1, deliveryId: id, fence: expect.any(Number), signal: expect.any(AbortSignal), log },
    ])
    expect(log.info).toHaveBeenCalledWith({ step: 'handler' }, 'hello')
  })

  it('binds ctx.log to the delivery when the logger has child (pino)', async () => {
    const child = { ...quiet }
    const logger = { ...quiet, child: vi.fn(() => child) }
    const receiver = receiverFor('stripe', { logger })
    let seen: unknown
    receiver.on('invoice.paid', (_event, ctx) => {
      seen = ctx.log
    })
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    await receiver.close()
    expect(seen).toBe(child)
    expect(logger.child).toHaveBeenCalledWith({ deliveryId: id, type: 'invoice.paid', attempt: 1 })
  })
})

describe('schemas', () => {
  const zodInvoice = z.object({ data: z.object({ amount: z.number().transform((n) => n * 100) }) })

  it('validates with zod and hands the handler the schema output', async () => {
    const receiver = receiverFor('stripe')
    const payloads: unknown[] = []
    receiver.on('invoice.paid', zodInvoice, (event) => void payloads.push(event.payload.data.amount))
    expect(
      (await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid', data: { amount: 3 } })).code,
    ).toBe('accepted')
    await receiver.close()
    expect(payloads).toEqual([300])
  })

  it('answers 400 invalid_payload with the issues (paths and messages), and claims nothing', async () => {
    const receiver = receiverFor('stripe')
    const handler = vi.fn()
    receiver.on('invoice.paid', zodInvoice, handler)
    const id = freshId()
    const outcome = await deliver(receiver, 'stripe', { id, type: 'invoice.paid', data: { amount: 'three' } })
    expect(outcome.status).toBe(400)
    const body = bodyOf(outcome)
    expect(body).toMatchObject({ ok: false, code: 'invalid_payload' })
    expect(body.issues).toEqual([{ path: ['data', 'amount'], message: expect.any(String) }])
    // Nothing was claimed: the corrected payload of the same id is processed, not a conflict.
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid', data: { amount: 3 } })).code).toBe(
      'accepted',
    )
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('validates against every schema of the type and of *', async () => {
    const receiver = receiverFor('stripe')
    receiver.on('invoice.paid', zodInvoice, () => {})
    receiver.on('*', z.object({ livemode: z.boolean() }), () => {})
    const outcome = await deliver(receiver, 'stripe', {
      id: freshId(),
      type: 'invoice.paid',
      data: { amount: 1 },
    })
    expect(outcome.status).toBe(400)
    expect(bodyOf(outcome).issues).toEqual([{ path: ['livemode'], message: expect.any(String) }])
    await receiver.close()
  })

  it("answers 202 and dead-letters at once with invalidPayload: 'dead-letter'", async () => {
    const receiver = receiverFor('stripe', {
      invalidPayload: 'dead-letter',
      retry: { attempts: 5, baseDelay: 1 },
    })
    const handler = vi.fn()
    const sink = vi.fn()
    receiver.on('invoice.paid', zodInvoice, handler)
    receiver.deadLetters.handle(sink)
    const id = freshId()
    const outcome = await deliver(receiver, 'stripe', { id, type: 'invoice.paid', data: { amount: 'three' } })
    expect(outcome.status).toBe(202)
    await until(() => expect(sink).toHaveBeenCalledTimes(1))
    expect(sink.mock.calls[0]?.[1]).toMatchObject({
      name: 'PayloadValidationError',
      issues: [{ path: ['data', 'amount'] }],
    })
    await until(async () => expect(await receiver.deadLetters.list()).toHaveLength(1))
    const [letter] = await receiver.deadLetters.list()
    expect(letter?.job.attempt).toBe(1)
    expect(
      (await deliver(receiver, 'stripe', { id, type: 'invoice.paid', data: { amount: 'three' } })).code,
    ).toBe('duplicate')
    await receiver.close()
    expect(handler).not.toHaveBeenCalled()
  })

  it('works with valibot and arktype schemas too', async () => {
    const receiver = receiverFor('stripe')
    const seen: unknown[] = []
    receiver.on('invoice.paid', v.object({ data: v.object({ amount: v.number() }) }), (event) => {
      seen.push(['valibot', event.payload.data.amount])
    })
    receiver.on('invoice.paid', type({ data: { amount: 'number' } }), (event) => {
      seen.push(['arktype', event.payload.data.amount])
    })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid', data: { amount: 7 } })
    const bad = await deliver(receiver, 'stripe', {
      id: freshId(),
      type: 'invoice.paid',
      data: { amount: 'x' },
    })
    await receiver.close()
    expect(seen.sort()).toEqual([
      ['arktype', 7],
      ['valibot', 7],
    ])
    const issues = bodyOf(bad).issues as { path: unknown[] }[]
    expect(issues).toHaveLength(2) // one from each library
    for (const issue of issues) expect(issue.path).toEqual(['data', 'amount'])
  })

  it('runs each schema once per delivery, however many handlers share it', async () => {
    const schema = z.object({ data: z.object({}) })
    const validate = vi.spyOn(schema['~standard'], 'validate')
    const receiver = receiverFor('stripe')
    receiver.on('invoice.paid', schema, () => {})
    receiver.on('invoice.paid', schema, () => {})
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await receiver.close()
    expect(validate).toHaveBeenCalledTimes(1)
  })
})
