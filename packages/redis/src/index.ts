// @hookgate/redis: the production idempotency store and the durable handoff queue, on the user's ioredis client.
export { createRedisClient, type RedisClientOptions, safeClientOptions } from './client.js'
export { ConsumerFailedError, UnexpectedReplyError } from './errors.js'
export { type Keyspace, keyspace } from './keys.js'
export { type RedisBackendOptions, redisDefaults } from './options.js'
export { type RedisBackend, redis } from './redis.js'
