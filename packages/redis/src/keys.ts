import { redisDefaults } from './options.js'

/**
 * Where everything lives in Redis. Every key of one shard of a namespace shares one hash tag, so the Lua
 * scripts that touch a claim and the job stream together stay legal on Redis Cluster (one slot per shard;
 * `shards` spreads a namespace over several, see shards.ts).
 */
export interface Keyspace {
  /** The hash tag every key below starts with: `{prefix}`, or a shard's `{prefix:n}`. */
  readonly tag: string
  /** The claim record of one dedup key (a hash: state, payload hash, tokens, fence, lease deadline). */
  claim(key: string): string
  /** The stream of new jobs waiting for or held by a worker. */
  readonly jobs: string
  /**
   * The stream of retries that fell due, waiting for or held by a worker. Workers read it before `jobs`,
   * so a due retry never waits behind a backlog of new jobs.
   */
  readonly retries: string
  /** Jobs waiting for their retry, scored by due time (ms, Redis clock). */
  readonly delayed: string
  /** The dead-letter stream. */
  readonly dead: string
  /** The counter every claim holder's fence is drawn from: it only grows, whatever happens to the claims. */
  readonly fence: string
}

/**
 * The key names of a namespace, the `prefix` given to `redis()`, on one shard (`shards: 1`); see
 * `shardKeyspaces` for every shard's (what the CLI's dlq commands use). For tools.
 */
export function keyspace(prefix: string = redisDefaults.prefix): Keyspace {
  return taggedKeyspace(checkedPrefix(prefix))
}

export function checkedPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || prefix === '' || /[{}]/.test(prefix)) {
    throw new TypeError(`prefix must be a non-empty string without '{' or '}', got ${JSON.stringify(prefix)}`)
  }
  return prefix
}

/** The keys under the hash tag `{inside}`. */
export function taggedKeyspace(inside: string): Keyspace {
  const tag = `{${inside}}`
  return {
    tag,
    claim: (key) => `${tag}:claim:${key}`,
    jobs: `${tag}:jobs`,
    retries: `${tag}:retries`,
    delayed: `${tag}:delayed`,
    dead: `${tag}:dead`,
    fence: `${tag}:fence`,
  }
}
