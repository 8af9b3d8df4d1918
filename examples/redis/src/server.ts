import { createReceiver, standardWebhooks } from '@hookgate/core'
import { hookgate } from '@hookgate/express'
import { createRedisClient, redis } from '@hookgate/redis'
import express from 'express'
import { z } from 'zod'

const secret = process.env.WEBHOOK_SECRET
if (!secret) throw new Error('Set WEBHOOK_SECRET (the whsec_... secret of your Standard Webhooks endpoint)')
// ROLE=receiver only answers deliveries, ROLE=worker only runs handlers, both (the default) do both.
const role = process.env.ROLE ?? 'both'

const client = await createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const prefix = process.env.HOOKGATE_PREFIX ?? 'hookgate'
// The store and the queue, on one client and prefix. Every Redis call is bounded by redis()'s timeout
// (default '1s'), so a Redis outage is a 503 within a second, never a hang.
const receiver = createReceiver({
  provider: standardWebhooks({ secret }),
  ...redis({ client, prefix, consumer: process.env.HOSTNAME }),
})

const userCreated = z.object({ data: z.object({ id: z.string(), email: z.string() }) })

receiver.on('user.created', userCreated, async (event) => {
  console.log(`handled ${event.type} ${event.id} for ${event.payload.data.email}`)
})
if (role !== 'receiver') receiver.work() // only in the processes that should run handlers

const server =
  role === 'worker'
    ? undefined
    : express()
        .post('/webhooks', hookgate(receiver))
        .listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
          const address = server?.address()
          if (typeof address === 'object' && address)
            console.log(`listening on http://${address.address}:${address.port}`)
        })
if (role === 'worker') console.log('working')

// Stop taking deliveries, let running handlers record their result, then let go of Redis.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    server?.close()
    await receiver.close()
    client.disconnect()
  })
}
