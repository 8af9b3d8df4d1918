// @hookgate/redis: the production idempotency store and the durable handoff queue, on the user's ioredis client.
export {
  createClusterClient,
  createRedisClient,
  type RedisClientOptions,
  safeClientOptions,
  safeClusterOptions,
} from './client.js'
export { ConsumerFailedError, NotReplicatedError, UnexpectedReplyError } from './errors.js'
export { type Keyspace, keyspace } from './keys.js'
export { type Durability, type RedisBackendOptions, type RedisClient, redisDefaults } from './options.js'
export { type RedisBackend, redis } from './redis.js'
export { shardKeyspaces, shardOf, slotOf } from './shards.js'
