import { LRUCache } from 'lru-cache'
import { type Duration, toMs } from '../duration.js'
import type { KeyRequest, KeyResolver } from './key-resolver.js'
import type { OneOrMany } from './verifiers.js'

export interface CachedKeysOptions {
  /** The tenant of a request, which the keys are cached under; undefined asks the resolver every time. */
  tenant: (request: KeyRequest) => string | undefined
  /** How long a tenant's keys are kept: a rotated secret takes this long to be picked up. */
  ttl: Duration
  /**
   * How many tenants' keys are kept, least recently used dropped first.
   * @default 1000
   */
  max?: number
}

/**
 * A key resolver that asks `resolver` once per tenant per `ttl`, for resolvers that cost a database or
 * secrets-manager round trip. Opt-in: without it a resolver is asked once per request. Unknown tenants
 * (an undefined answer) are not cached, so a tenant added meanwhile is found on its first request.
 */
export function cachedKeys<K>(resolver: KeyResolver<K>, options: CachedKeysOptions): KeyResolver<K> {
  const cache = new LRUCache<string, Promise<OneOrMany<K> | undefined>>({
    max: options.max ?? 1000,
    ttl: toMs(options.ttl, 'cachedKeys: ttl'),
  })
  return (request) => {
    const tenant = options.tenant(request)
    if (tenant === undefined) return resolver(request)
    const cached = cache.get(tenant)
    if (cached !== undefined) return cached
    // The promise is cached, so concurrent first requests of a tenant ask once; a failure or an unknown
    // tenant is forgotten at once.
    const keys = Promise.resolve(resolver(request))
    cache.set(tenant, keys)
    keys.then(
      (value) => {
        if (value === undefined && cache.get(tenant) === keys) cache.delete(tenant)
      },
      () => {
        if (cache.get(tenant) === keys) cache.delete(tenant)
      },
    )
    return keys
  }
}
