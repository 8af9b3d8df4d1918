import { afterEach, expect, it, vi } from 'vitest'
import { deliver, freshId, receiverFor, until } from './helpers.js'

// Workers refuse timers, random values and `AbortController` in the global scope, where apps make their
// receivers (test/runtimes proves it in workerd); here the same promise, counted in Node.
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** Counts what Workers' global scope refuses, from now on. */
function countRefused() {
  const made: string[] = []
  const Original = globalThis.AbortController
  vi.stubGlobal(
    'AbortController',
    class extends Original {
      constructor() {
        super()
        made.push('AbortController')
      }
    },
  )
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = globalThis[name] as (...args: unknown[]) => unknown
    vi.spyOn(globalThis, name).mockImplementation(((...args: unknown[]) => {
      made.push(name)
      return original(...args)
    }) as never)
  }
  vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
    made.push('randomUUID')
    return '00000000-0000-4000-8000-000000000000'
  })
  return made
}

it('makes no AbortController, timer or random value until it first receives', async () => {
  const made = countRefused()
  const handled: string[] = []
  const receiver = receiverFor('stripe')
  receiver.on('invoice.paid', (event) => {
    handled.push(event.id ?? '')
  })
  expect(made).toEqual([])

  // The count is not blind: the first delivery starts the in-process worker, which makes them.
  const id = freshId()
  expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).status).toBe(202)
  await until(() => expect(handled).toEqual([id]))
  expect(made).toContain('AbortController')
  await receiver.close()
})
