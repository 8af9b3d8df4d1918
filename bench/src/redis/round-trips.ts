import { createReceiver, type Receiver, standardWebhooks } from '@hookgate/core'
import { redis as redisBackend } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { makeBody } from '../bodies.js'
import { freshDelivery } from '../micro/hookgate.js'
import { invoicePaid } from '../micro/schema.js'
import { secrets } from '../secrets.js'

export interface RoundTrips {
  deliveries: number
  /** Socket writes to Redis per new delivery while `receive()` runs: round trips, counted strictly. */
  writesPerDelivery: number
  /** Redis commands per new delivery (a pipelined batch is several commands, one round trip). */
  commandsPerDelivery: number
  /** The same for a duplicate delivery. */
  writesPerDuplicate: number
  commands: Record<string, number>
}

/**
 * Counts what a receiver on `redis()` sends to Redis on the request path: deliveries are
 * received one at a time and no worker runs in this process (`receiver.work()` is not called), so every
 * write on the client's socket belongs to `receive()`.
 */
export async function countRoundTrips(redis: Redis, prefix: string, deliveries: number): Promise<RoundTrips> {
  const sender = {
    name: 'standard-webhooks',
    provider: standardWebhooks({ secret: secrets.standardWebhooks }),
    idInHeader: true,
  }
  const body = makeBody(2048)
  const receiver: Receiver = createReceiver({
    provider: sender.provider,
    ...redisBackend({ client: redis, prefix }),
  }).on('*', invoicePaid, () => {})
  try {
    // Loads the Lua scripts (a first EVALSHA may miss and retry with EVAL), outside the count.
    const warm = await freshDelivery(sender, body)
    await receiver.receive(warm)
    await receiver.receive(warm)

    const requests = await Promise.all(Array.from({ length: deliveries }, () => freshDelivery(sender, body)))
    const counter = countTraffic(redis)
    for (const request of requests) {
      const outcome = await receiver.receive(request)
      if (outcome.status !== 202)
        throw new Error(`redis receive: expected 202, got ${outcome.status} ${outcome.body}`)
    }
    const first = counter.stop()
    const duplicateCounter = countTraffic(redis)
    for (const request of requests) await receiver.receive(request)
    const duplicates = duplicateCounter.stop()
    return {
      deliveries,
      writesPerDelivery: first.writes / deliveries,
      commandsPerDelivery: Object.values(first.commands).reduce((a, b) => a + b, 0) / deliveries,
      writesPerDuplicate: duplicates.writes / deliveries,
      commands: first.commands,
    }
  } finally {
    await receiver.close()
  }
}

/** Wraps the client's socket and command path until `stop()`. */
function countTraffic(redis: Redis) {
  const stream = redis.stream
  const write = stream.write
  const sendCommand = redis.sendCommand
  let writes = 0
  const commands: Record<string, number> = {}
  stream.write = function (this: typeof stream, ...args: Parameters<typeof write>) {
    writes++
    return write.apply(this, args)
  } as typeof write
  redis.sendCommand = function (this: Redis, ...args: Parameters<typeof sendCommand>) {
    const name = args[0].name
    commands[name] = (commands[name] ?? 0) + 1
    return sendCommand.apply(this, args)
  } as typeof sendCommand
  return {
    stop() {
      stream.write = write
      redis.sendCommand = sendCommand
      return { writes, commands }
    },
  }
}
