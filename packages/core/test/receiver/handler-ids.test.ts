import { memoryQueue } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { deliver, freshId, quiet, receiverFor, until } from './helpers.js'

/** The ids `onRetry` reports for the handlers that failed on attempt 1: the ids `Job.succeeded` uses. */
async function failedIds(register: (receiver: ReturnType<typeof receiverFor>) => void): Promise<string[]> {
  const onRetry = vi.fn()
  const receiver = receiverFor('stripe', { hooks: { onRetry } })
  register(receiver)
  await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
  await until(() => expect(onRetry).toHaveBeenCalled())
  await receiver.close()
  return onRetry.mock.calls[0]?.[0].failedHandlers
}

const failing = () => {
  throw new Error('fails')
}

describe('handler ids', () => {
  it('takes an explicit id', async () => {
    expect(await failedIds((r) => r.on('invoice.paid', failing, { id: 'record-payment' }))).toEqual([
      'record-payment',
    ])
  })

  it('takes an explicit id with a schema', async () => {
    const schema = {
      '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value }) },
    }
    expect(await failedIds((r) => r.on('invoice.paid', schema, failing, { id: 'with-schema' }))).toEqual([
      'with-schema',
    ])
  })

  it("takes the function's name when it has one", async () => {
    async function recordPayment() {
      throw new Error('fails')
    }
    expect(await failedIds((r) => r.on('invoice.paid', recordPayment))).toEqual(['recordPayment'])
  })

  it('falls back to the registration order for anonymous handlers and repeated names', async () => {
    const ids = await failedIds((r) =>
      r
        .on('invoice.paid', failing)
        .on('invoice.paid', () => {
          throw new Error('anonymous')
        })
        .on(['invoice.paid'], failing),
    )
    expect(ids).toEqual(['failing', 'invoice.paid#1', 'invoice.paid#2'])
  })

  it('refuses two handlers with one id for a type, including through "*"', () => {
    const receiver = receiverFor('stripe')
    receiver.on('invoice.paid', () => {}, { id: 'audit' })
    expect(() => receiver.on('invoice.paid', () => {}, { id: 'audit' })).toThrow(
      /id "audit" is already registered for "invoice.paid"/,
    )
    expect(() => receiver.on('*', () => {}, { id: 'audit' })).toThrow(/id "audit"/)
    receiver.on('*', () => {}, { id: 'log-all' })
    expect(() => receiver.on('customer.created', () => {}, { id: 'log-all' })).toThrow(/"customer.created"/)
    // Another type may reuse an id: ids are per type.
    expect(() => receiver.on('customer.created', () => {}, { id: 'audit' })).not.toThrow()
    expect(() => receiver.on('invoice.paid', () => {}, { id: '' })).toThrow(/non-empty string/)
    return receiver.close()
  })

  it('warns once, on a durable queue, that positional ids do not survive a reorder', async () => {
    const warn = vi.fn()
    const durable = { ...memoryQueue(), durable: true, consume: () => new Promise<void>(() => {}) }
    const receiver = receiverFor('stripe', { queue: durable, logger: { ...quiet, warn } })
    receiver.on('invoice.paid', async function named() {})
    receiver.on('invoice.paid', () => {}, { id: 'explicit' })
    expect(warn).not.toHaveBeenCalled()
    receiver.on('invoice.paid', () => {})
    receiver.on('customer.created', () => {})
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[1]).toMatch(/registration order.*\{ id \}/)
    expect(warn.mock.calls[0]?.[0]).toEqual({ handlerId: 'invoice.paid#2' })
  })

  it('does not warn on the in-process queue, where a retry never outlives the deploy', () => {
    const warn = vi.fn()
    const receiver = receiverFor('stripe', { logger: { ...quiet, warn } })
    receiver.on('invoice.paid', () => {})
    expect(warn).not.toHaveBeenCalled()
    return receiver.close()
  })
})

describe('a job that names handlers no longer registered', () => {
  it('runs the remaining handlers and warns with the missing ids', async () => {
    const warn = vi.fn()
    const handled = vi.fn()
    // A durable queue that hands over one job as if retried after a deploy: `gone` and `a` had succeeded.
    const event = {
      providerName: 'stripe',
      id: 'evt_deploy',
      type: 'invoice.paid',
      payload: {},
      raw: new Uint8Array(),
      headers: {},
    }
    const durable = {
      ...memoryQueue(),
      durable: true,
      consume: async (attempt: (job: never) => Promise<unknown>) => {
        await attempt({
          key: 'stripe:evt_deploy',
          token: 'claim-token',
          event,
          attempt: 2,
          succeeded: ['gone', 'a'],
          receivedAt: Date.now(),
        } as never)
      },
    }
    const ran: string[] = []
    const receiver = receiverFor('stripe', {
      queue: durable,
      logger: { ...quiet, warn },
      hooks: { onHandled: handled },
    })
    receiver.on('invoice.paid', () => void ran.push('a'), { id: 'a' })
    receiver.on('invoice.paid', () => void ran.push('b'), { id: 'b' })
    receiver.work()
    await until(() => expect(handled).toHaveBeenCalled())
    expect(ran).toEqual(['b'])
    const missing = warn.mock.calls.find(([fields]) => 'missingHandlers' in fields)
    expect(missing?.[0]).toMatchObject({ deliveryId: 'evt_deploy', missingHandlers: ['gone'] })
    await receiver.close()
  })
})
