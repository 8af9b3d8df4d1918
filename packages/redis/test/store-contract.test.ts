import { describeStoreContract } from '@hookgate/core/testing'
import { redisStore } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { connectRedis, wipe } from './redis.js'

// The same suite the memory store passes: one contract, two stores.
const prefix = 'test-redis-contract'
let client: Redis | undefined

describeStoreContract(
  'redisStore',
  async () => {
    client ??= await connectRedis()
    return redisStore({ client, prefix })
  },
  {
    teardown: async () => {
      if (!client) return
      await wipe(client, prefix)
      client.disconnect()
    },
  },
)
