import { createReceiver, type IdempotencyStore, memoryStore } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { providerFor, quiet, receiverFor } from '../receiver/helpers.js'
import { byObject } from './helpers.js'

/** A custom store from before ordering: the memory store without its order-key methods. */
function storeWithoutOrders(): IdempotencyStore {
  const store = memoryStore()
  return {
    claim: (key, options) => store.claim(key, options),
    acquire: (key, token, options) => store.acquire(key, token, options),
    complete: (key, token, options) => store.complete(key, token, options),
    release: (key, token) => store.release(key, token),
  }
}

describe('ordering options are checked early', () => {
  it('refuses orderKey or version at on() on a store without order keys, naming the option and the store', () => {
    const receiver = receiverFor('stripe', { store: storeWithoutOrders() })
    expect(() => receiver.on('invoice.updated', () => {}, { orderKey: byObject.orderKey })).toThrow(
      /on\("invoice\.updated"\): orderKey needs a store with holdOrder, extendOrder and releaseOrder, which the store given to createReceiver lacks/,
    )
    // Still usable without them.
    expect(() => receiver.on('invoice.updated', () => {}, { id: 'plain' })).not.toThrow()
  })

  it('refuses the receiver ordering option at createReceiver on such a store', () => {
    expect(() =>
      createReceiver({ provider: providerFor('stripe'), store: storeWithoutOrders(), ordering: byObject }),
    ).toThrow(TypeError)
    expect(() =>
      createReceiver({ provider: providerFor('stripe'), store: storeWithoutOrders(), ordering: byObject }),
    ).toThrow(/createReceiver: ordering: orderKey needs a store with holdOrder/)
  })

  it("refuses ordering with ack: 'handled', which has no queue to wait in", () => {
    const receiver = receiverFor('stripe', { ack: 'handled' })
    expect(() => receiver.on('invoice.updated', () => {}, byObject)).toThrow(/orderKey needs ack: 'queued'/)
    expect(() =>
      createReceiver({ provider: providerFor('stripe'), ack: 'handled', ordering: byObject, logger: quiet }),
    ).toThrow(/ordering: orderKey needs ack: 'queued'/)
  })

  it('refuses version without orderKey, and options that are not functions', () => {
    const receiver = receiverFor('stripe')
    expect(() => receiver.on('invoice.updated', () => {}, { version: byObject.version })).toThrow(
      /on\("invoice\.updated"\): version needs orderKey/,
    )
    expect(() => receiver.on('invoice.updated', () => {}, { orderKey: 'data.object.id' as never })).toThrow(
      /orderKey must be a function of the event, got string/,
    )
    expect(() => createReceiver({ provider: providerFor('stripe'), ordering: { version: () => 1 } })).toThrow(
      /createReceiver: ordering: version needs orderKey/,
    )
  })

  it('refuses handlers of one type ordered by different functions, and leaves the registry unchanged', () => {
    const receiver = receiverFor('stripe')
    receiver.on('invoice.updated', () => {}, { id: 'a', ...byObject })
    receiver.on('invoice.updated', () => {}, { id: 'b', ...byObject })
    expect(() => receiver.on('*', () => {}, { id: 'c', orderKey: () => 'other' })).toThrow(
      /on\("\*"\): handler "a" of "invoice.updated" is ordered by other orderKey or version functions/,
    )
    expect(() => receiver.on('invoice.updated', () => {}, { id: 'd', orderKey: byObject.orderKey })).toThrow(
      /handler "a" of "invoice.updated"/,
    )
    // The refused handler's id is free again: nothing was registered.
    expect(() => receiver.on('invoice.paid', () => {}, { id: 'c', orderKey: () => 'other' })).not.toThrow()
  })

  it("lets a handler's own options fall back, field by field, to the receiver's ordering", () => {
    const receiver = receiverFor('stripe', { ordering: { orderKey: byObject.orderKey } })
    receiver.on('invoice.updated', () => {}, { id: 'a', version: byObject.version })
    // The same pair as a's: its version, and the receiver's orderKey.
    expect(() => receiver.on('invoice.updated', () => {}, { id: 'b', ...byObject })).not.toThrow()
    expect(() => receiver.on('invoice.updated', () => {}, { id: 'c' })).toThrow(/handler "a"/)
  })
})
