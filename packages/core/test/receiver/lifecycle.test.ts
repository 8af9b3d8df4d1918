import {
  createReceiver,
  type HandoffQueue,
  memoryQueue,
  slack,
  WebhookVerificationError,
} from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { bodyOf, deferred, deliver, freshId, quiet, receiverFor, signed, sleep, until } from './helpers.js'

describe('close()', () => {
  it('drains: running handlers and jobs already queued finish before it resolves', async () => {
    const receiver = receiverFor('stripe', { concurrency: 1 })
    const finished: string[] = []
    receiver.on('invoice.paid', async (event) => {
      await sleep(15)
      finished.push(event.id ?? '')
    })
    const ids = [freshId(), freshId(), freshId()]
    for (const id of ids)
      expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('accepted')
    expect(finished).toEqual([])
    await receiver.close()
    expect(finished).toEqual(ids)
  })

  it("drains ack: 'handled' executions too", async () => {
    const receiver = receiverFor('stripe', { ack: 'handled' })
    let finished = false
    receiver.on('invoice.paid', async () => {
      await sleep(20)
      finished = true
    })
    const pending = deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await sleep(5)
    await receiver.close()
    expect(finished).toBe(true)
    expect((await pending).code).toBe('handled')
  })

  it('answers 503 shutting_down with Retry-After once closing', async () => {
    const receiver = receiverFor('stripe')
    receiver.on('invoice.paid', () => {})
    const closing = receiver.close()
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.status).toBe(503)
    expect(outcome.code).toBe('shutting_down')
    expect(outcome.headers['retry-after']).toBe('5')
    await closing
    expect(receiver.close()).toBe(closing)
  })

  it('aborts ctx.signal when the timeout passes with handlers still running', async () => {
    const receiver = receiverFor('stripe')
    const sawAbort = deferred<unknown>()
    receiver.on('invoice.paid', (_event, ctx) => {
      return new Promise<void>((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          sawAbort.resolve(ctx.signal.reason)
          resolve()
        })
      })
    })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    const started = Date.now()
    await receiver.close({ timeout: 30 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    expect(await sawAbort.promise).toBeInstanceOf(Error)
  })
})

describe('receive()', () => {
  it('answers Slack url_verification with the provider reply, never a handler', async () => {
    const secret = 'slack-signing-secret'
    const receiver = createReceiver({ provider: slack({ secret }), logger: quiet })
    const handler = vi.fn()
    receiver.on('*', handler)
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' })
    const request = await slack({ secret }).sign({ body })
    const outcome = await receiver.receive({ headers: request.headers, body: request.body })
    expect(outcome).toMatchObject({
      status: 200,
      code: 'challenge',
      body: JSON.stringify({ challenge: 'c-123' }),
    })
    await receiver.close()
    expect(handler).not.toHaveBeenCalled()
  })

  it('answers 401 to a bad signature and tells onRejected why, with its duration', async () => {
    const onRejected = vi.fn()
    const receiver = receiverFor('stripe', { hooks: { onRejected } })
    const handler = vi.fn()
    receiver.on('*', handler)
    const request = await signed('stripe', { id: freshId(), type: 'invoice.paid' })
    const outcome = await receiver.receive({ ...request, body: request.body.toString().replace('{', '{ ') })
    expect(outcome.status).toBe(401)
    expect(bodyOf(outcome)).toMatchObject({
      ok: false,
      code: 'invalid_signature',
      message: expect.any(String),
    })
    const info = onRejected.mock.calls[0]?.[0]
    expect(info.outcome).toBe(outcome)
    expect(info.error).toBeInstanceOf(WebhookVerificationError)
    expect(info.durationMs).toBeGreaterThanOrEqual(0)
    await receiver.close()
    expect(handler).not.toHaveBeenCalled()
  })

  it('fires onReceived with the outcome and its duration', async () => {
    const onReceived = vi.fn()
    const receiver = receiverFor('stripe', { hooks: { onReceived } })
    receiver.on('*', () => {})
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(onReceived).toHaveBeenCalledWith({ outcome, durationMs: expect.any(Number) })
    await receiver.close()
  })

  it('survives hooks that throw', async () => {
    const logger = { ...quiet, error: vi.fn() }
    const receiver = receiverFor('stripe', {
      logger,
      hooks: {
        onReceived: () => {
          throw new Error('metrics down')
        },
      },
    })
    receiver.on('*', () => {})
    expect((await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })).code).toBe('accepted')
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ hook: 'onReceived' }),
      expect.any(String),
    )
    await receiver.close()
  })

  it('refuses other methods than POST with 405 and Allow', async () => {
    const receiver = receiverFor('stripe')
    const request = await signed('stripe', { id: freshId(), type: 'invoice.paid' })
    const outcome = await receiver.receive({ ...request, method: 'GET' })
    expect(outcome).toMatchObject({ status: 405, code: 'method_not_allowed', headers: { allow: 'POST' } })
    await receiver.close()
  })

  it('refuses a body over the provider limit with 413, and exposes the limit for adapters', async () => {
    const receiver = receiverFor('stripe')
    expect(receiver.maxBodyBytes).toBe(1024 * 1024)
    const outcome = await deliver(receiver, 'stripe', { raw: 'x'.repeat(1024 * 1024 + 1), type: 'x' })
    expect(outcome.status).toBe(413)
    await receiver.close()
  })

  it('never throws: a failing key function becomes 500 internal_error, logged', async () => {
    const logger = { ...quiet, error: vi.fn() }
    const receiver = receiverFor('hmac', {
      logger,
      key: () => {
        throw new Error('bug in key function')
      },
    })
    receiver.on('*', () => {})
    const outcome = await deliver(receiver, 'hmac', { type: 'invoice.paid' })
    expect(outcome.status).toBe(500)
    expect(outcome.code).toBe('internal_error')
    expect(outcome.body).not.toContain('bug in key function')
    expect(logger.error).toHaveBeenCalled()
    await receiver.close()
  })

  it('hands waitUntil a promise that settles after the first attempt', async () => {
    const receiver = receiverFor('stripe')
    let handled = false
    receiver.on('invoice.paid', async () => {
      await sleep(10)
      handled = true
    })
    const waitUntil = vi.fn<(work: Promise<unknown>) => void>()
    const request = await signed('stripe', { id: freshId(), type: 'invoice.paid' })
    expect((await receiver.receive(request, { waitUntil })).code).toBe('accepted')
    expect(waitUntil).toHaveBeenCalledTimes(1)
    expect(handled).toBe(false)
    await waitUntil.mock.calls[0]?.[0]
    expect(handled).toBe(true)
    await receiver.close()
  })
})

describe('work()', () => {
  it('leaves a durable queue alone until work(), then consumes it; stop() stops', async () => {
    const inner = memoryQueue()
    const durable: HandoffQueue = {
      durable: true,
      enqueue: (job) => inner.enqueue(job),
      consume: (attempt, options) => inner.consume(attempt, options),
      listDeadLetters: (options) => inner.listDeadLetters(options),
      replayDeadLetters: (ids) => inner.replayDeadLetters(ids),
      purgeDeadLetters: (ids) => inner.purgeDeadLetters(ids),
    }
    const receiver = receiverFor('stripe', { queue: durable })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await sleep(20)
    expect(handler).not.toHaveBeenCalled()
    const worker = receiver.work()
    await until(() => expect(handler).toHaveBeenCalledTimes(1))
    await worker.stop()
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await sleep(20)
    expect(handler).toHaveBeenCalledTimes(1)
    receiver.work()
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(2)
    expect(() => receiver.work()).toThrow(/closed/)
  })
})
