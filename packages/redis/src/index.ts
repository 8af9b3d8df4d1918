// @hookgate/redis: the production idempotency store and the durable handoff queue, on the user's ioredis client.
export { defaultTimeout } from './bounded.js'
export { createRedisClient, type RedisClientOptions, safeClientOptions } from './client.js'
export { ConsumerFailedError, UnexpectedReplyError } from './errors.js'
export { defaultPrefix, type Keyspace, keyspace } from './keys.js'
export type { RedisConnectionOptions } from './options.js'
export { redisQueue } from './queue.js'
export type { RedisQueueOptions } from './settings.js'
export { type RedisStoreOptions, redisStore } from './store.js'
