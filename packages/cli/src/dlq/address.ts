import { UsageError } from '../exit.js'

/** One node of a Redis Cluster, as ioredis' `Cluster` takes it. */
export interface Seed {
  host: string
  port: number
}

/** What `--redis` (with `--cluster`, the cluster's seeds) points at, checked before anything connects. */
export type RedisAddress =
  | { cluster: false; url: string }
  | {
      cluster: true
      seeds: Seed[]
      /** For every node: ioredis gives the nodes it finds through a seed none of the seed's credentials. */
      nodeOptions: { username?: string; password?: string; tls?: object }
    }

const seedsExample = 'redis://127.0.0.1:7000,redis://127.0.0.1:7001'

/**
 * `--redis` as one Redis URL, or with `cluster` as comma-separated seed URLs. Anything else would be read
 * by ioredis as a socket path or a host name and fail as a connection error, not as the typo it is. The
 * messages name the option and never echo the value, which may carry a password.
 */
export function redisAddress(redis: string, cluster: boolean): RedisAddress {
  const urls = redis.split(',').map((part) => part.trim())
  if (!cluster) {
    // A comma may be part of a password: only a value that is no URL is taken for a list of seeds.
    if (redisUrl(redis)) return { cluster: false, url: redis }
    throw new UsageError(
      urls.length > 1
        ? `--redis lists ${urls.length} URLs: pass --cluster to give a Redis Cluster's seeds`
        : '--redis (or REDIS_URL) must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379',
    )
  }
  const parsed = urls.map((url) => {
    const seed = redisUrl(url)
    if (!seed)
      throw new UsageError(
        `--redis (or REDIS_URL) with --cluster must be redis:// or rediss:// seed URLs, like ${seedsExample}`,
      )
    if (!seed.hostname)
      throw new UsageError(`--redis: every seed of --cluster needs a host, like ${seedsExample}`)
    return seed
  })
  const [first] = parsed as [URL, ...URL[]]
  const credentials = (url: URL) => [url.protocol, url.username, url.password].join('\n')
  if (parsed.some((url) => credentials(url) !== credentials(first)))
    throw new UsageError('--redis: the seeds of --cluster must share one scheme, user and password')
  if (parsed.some((url) => !['', '/', '/0'].includes(url.pathname)))
    throw new UsageError('--redis: a Redis Cluster has database 0 only, so no /<db> with --cluster')
  const nodeOptions: Extract<RedisAddress, { cluster: true }>['nodeOptions'] = {}
  if (first.username) nodeOptions.username = decodeURIComponent(first.username)
  if (first.password) nodeOptions.password = decodeURIComponent(first.password)
  if (first.protocol === 'rediss:') nodeOptions.tls = {}
  const seeds = parsed.map((url) => ({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'), // an IPv6 address without its URL brackets
    port: url.port ? Number(url.port) : 6379,
  }))
  return { cluster: true, seeds, nodeOptions }
}

/** The URL without its password, for messages (each seed's of a list): connection strings often carry one. */
export function redactUrl(redis: string): string {
  if (URL.canParse(redis)) {
    const parsed = new URL(redis)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  }
  return redis.includes(',') ? redis.split(',').map(redactUrl).join(',') : '(unparsable Redis URL)'
}

function redisUrl(value: string): URL | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined
  return url?.protocol === 'redis:' || url?.protocol === 'rediss:' ? url : undefined
}
