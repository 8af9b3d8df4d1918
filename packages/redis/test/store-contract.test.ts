import { describeStoreContract } from '@hookgate/core/testing'
import { redis } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { connectRedis, wipe } from './redis.js'

// The same suite the memory store passes: one contract, two stores.
const prefix = 'test-redis-contract'
let client: Redis | undefined

describeStoreContract(
  'the redis store',
  async () => {
    client ??= await connectRedis()
    return redis({ client, prefix }).store
  },
  {
    teardown: async () => {
      if (!client) return
      await wipe(client, prefix)
      client.disconnect()
    },
  },
)
