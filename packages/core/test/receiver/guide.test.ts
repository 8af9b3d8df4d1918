// The example at the top of docs/guide.md, line for line, with what it leaves to the reader filled in.
import { createReceiver, stripe } from '@hookgate/core'
import { expect, it, vi } from 'vitest'
import { z } from 'zod'
import { signed, stripeSecret } from './helpers.js'

it('runs the guide example', async () => {
  vi.stubEnv('STRIPE_WEBHOOK_SECRET', stripeSecret)
  const { url, headers, body } = await signed('stripe', {
    id: 'evt_guide',
    type: 'invoice.paid',
    data: { object: { id: 'in_1' } },
  })
  const seen: unknown[] = []
  const log = { info: (fields: unknown) => void seen.push(fields), warn() {}, error() {} }

  const receiver = createReceiver({
    provider: stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET! }),
    retry: { attempts: 8, backoff: 'exponential', baseDelay: '1s', maxDelay: '1h' },
    logger: log,
  })

  const invoicePaid = z.object({ data: z.object({ object: z.object({ id: z.string() }) }) })

  receiver.on('invoice.paid', invoicePaid, async (event, ctx) => {
    ctx.log.info({ invoice: event.payload.data.object.id }, 'invoice paid') // typed from the schema
  })
  receiver.on(['customer.created', 'customer.updated'], async (event, ctx) => {
    ctx.log.info({ customer: event.id }, event.type)
  })
  receiver.on('*', async (event, ctx) => ctx.log.debug?.({ type: event.type }, 'received')) // after the type's own
  receiver.deadLetters.handle(async (event, error) => {
    console.error('gave up on', event.id, error) // page someone
  })

  const outcome = await receiver.receive({ method: 'POST', url, headers, body })

  expect(outcome).toMatchObject({ status: 202, code: 'accepted' })
  const worker = receiver.work()
  await receiver.close({ timeout: '10s' })
  await worker.stop()
  expect(seen).toEqual([{ invoice: 'in_1' }])
  vi.unstubAllEnvs()
})
