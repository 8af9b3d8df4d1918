import type { IgnoredInfo, Logger, WebhookEvent } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { HandlerRegistry } from '../../src/handlers/registry.js'
import { IgnoredTypes } from '../../src/receiver/ignored.js'
import { deliver, freshId, quiet, receiverFor } from './helpers.js'

function recordingLogger() {
  const warn = vi.fn()
  const logger: Logger = { ...quiet, warn }
  return { logger, warn }
}

describe('a type no handler takes (a typo in on() drops its deliveries in silence otherwise)', () => {
  it('answers 200 ignored, warns once per type naming it and the registered types, and calls onIgnored each time', async () => {
    const { logger, warn } = recordingLogger()
    const onIgnored = vi.fn<(info: IgnoredInfo) => void>()
    const receiver = receiverFor('stripe', { logger, hooks: { onIgnored } })
    receiver.on('invoice.payed', () => {})
    receiver.on(['customer.created', 'customer.updated'], () => {})
    const codes = []
    for (const type of ['invoice.paid', 'invoice.paid', 'charge.refunded']) {
      codes.push((await deliver(receiver, 'stripe', { id: freshId(), type })).code)
    }
    expect(codes).toEqual(['ignored', 'ignored', 'ignored'])
    const registeredTypes = ['invoice.payed', 'customer.created', 'customer.updated']
    expect(warn.mock.calls.map(([fields]) => fields)).toEqual([
      { type: 'invoice.paid', registeredTypes },
      { type: 'charge.refunded', registeredTypes },
    ])
    expect(warn.mock.calls[0]?.[1]).toMatch(/no handler is registered for "invoice.paid".*ignored/)
    expect(onIgnored.mock.calls.map(([info]) => [info.event.type, info.registeredTypes])).toEqual([
      ['invoice.paid', registeredTypes],
      ['invoice.paid', registeredTypes],
      ['charge.refunded', registeredTypes],
    ])
    await receiver.close()
  })

  it("neither warns nor calls onIgnored for unknownType: 'dead-letter', which keeps the delivery", async () => {
    const { logger, warn } = recordingLogger()
    const onIgnored = vi.fn()
    const receiver = receiverFor('stripe', { logger, hooks: { onIgnored }, unknownType: 'dead-letter' })
    receiver.on('invoice.paid', () => {})
    expect((await deliver(receiver, 'stripe', { id: freshId(), type: 'charge.refunded' })).code).toBe(
      'accepted',
    )
    await receiver.close()
    expect(onIgnored).not.toHaveBeenCalled()
    expect(warn.mock.calls.map(([, message]) => message)).not.toContainEqual(expect.stringMatching(/ignored/))
  })

  it('remembers a bounded number of types: past the limit it says so once, and stops warning', () => {
    const { logger, warn } = recordingLogger()
    const onIgnored = vi.fn()
    const ignored = new IgnoredTypes(new HandlerRegistry(), { onIgnored }, logger, 2)
    const event = (type: string) => ({ type }) as WebhookEvent
    for (const type of ['a', 'b', 'a', 'c', 'd', 'c']) ignored.report(event(type))
    expect(warn.mock.calls.map(([fields]) => fields)).toEqual([
      { type: 'a', registeredTypes: [] },
      { type: 'b', registeredTypes: [] },
      { limit: 2 },
    ])
    expect(onIgnored).toHaveBeenCalledTimes(6)
  })
})
