// The README's quick start, as written, answering one signed delivery on a real node:http server.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/node'
import { afterAll, expect, it, vi } from 'vitest'
import { asRequest, invoice, sendTo, stripeSecret } from '../../fetch/test/delivery-table.js'

const env = { STRIPE_WEBHOOK_SECRET: stripeSecret }
const markPaid = vi.fn(async (_payload: unknown) => {})

const receiver = createReceiver({ provider: stripe({ secret: env.STRIPE_WEBHOOK_SECRET }) })

receiver.on('invoice.paid', async (event) => {
  await markPaid(event.payload)
})

const handler = hookgate(receiver)
const server = createServer(handler)

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await receiver.close()
})

it('answers a signed delivery 202, then runs the handler', async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const signed = await stripe({ secret: stripeSecret }).sign({ body: invoice('evt_quick') })
  const res = await sendTo(`http://127.0.0.1:${port}/webhooks/stripe`)(asRequest(signed))
  expect(res.status).toBe(202)
  await vi.waitFor(() => expect(markPaid).toHaveBeenCalledWith(JSON.parse(invoice('evt_quick'))))
})
