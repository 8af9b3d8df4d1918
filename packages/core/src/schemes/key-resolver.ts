import { LRUCache } from 'lru-cache'
import { type Duration, toMs } from '../duration.js'
import { WebhookVerificationError } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import type { MaybePromise } from '../maybe-promise.js'
import { type HeaderMap, type RawRequest, readHeaders } from '../request.js'
import type { CommonProviderOptions, Provider, VerifiedRequest } from './scheme.js'
import type { OneOrMany } from './verifiers.js'

/** What a key resolver sees of a request: nothing is verified or parsed yet. */
export interface KeyRequest {
  headers: HeaderMap
  /** The request URL as the adapter gave it (the path carries the tenant in `/webhooks/:tenant`). */
  url: string | undefined
}

/**
 * The keys for one request (one secret per customer of a SaaS): looked up once per request, undefined
 * for a request of no known tenant (401 `unknown_tenant`). Throwing, or not answering within the
 * provider's `keyTimeout`, is a 503 `key_unavailable`: the sender retries later.
 */
export type KeyResolver<K> = (request: KeyRequest) => MaybePromise<OneOrMany<K> | undefined>

/** A key option: the key, several while rotating, or a resolver of the request. */
export type Keys<K> = OneOrMany<K> | KeyResolver<K>

/**
 * The options a resolver may stand for: the keys that verify, by the names providers give them (a token
 * sender's `token`, Basic auth's credentials, Microsoft Graph's `clientState`).
 */
type KeyOption = 'secret' | 'publicKey' | 'token' | 'username' | 'password' | 'clientState'

/** The options with every key option given as keys, never a resolver: what a factory builds from. */
export type StaticKeys<O> = Omit<O, KeyOption> & {
  [P in KeyOption & keyof O]: Exclude<O[P], KeyResolver<never> | ((request: KeyRequest) => unknown)>
}

/** @default '5s': how long a key resolver may take before the request is answered 503. */
const defaultKeyTimeout: Duration = '5s'

/** Providers built for distinct key sets, kept so a tenant's keys are imported once, not per request. */
const builtPerKeySet = 1_000

/**
 * A provider whose key options may be resolvers: `build` makes the provider for fixed keys, once per
 * distinct key set (its key imports are the costly part), and each request is verified by the one its
 * resolved keys build. `placeholder` holds keys `build` accepts, used only to learn what does not depend
 * on keys (name, retry horizon, tolerance, methods). Without resolvers, this is `build(options)`.
 */
export function resolvingKeys<O extends CommonProviderOptions>(
  options: O,
  build: (options: StaticKeys<O>) => Provider,
  placeholder: Partial<StaticKeys<O>>,
): Provider {
  const resolvers = Object.keys(placeholder).filter(
    (option) => typeof options[option as keyof O] === 'function',
  ) as (keyof O & string)[]
  if (resolvers.length === 0) return build(options as StaticKeys<O>)
  // Only the resolved options are stood in for: the fixed ones keep their keys.
  const stand = Object.fromEntries(
    resolvers.map((option) => [option, placeholder[option as keyof typeof placeholder]]),
  )
  const template = build({ ...options, ...stand } as StaticKeys<O>)
  const { name } = template
  const timeoutMs = toMs(options.keyTimeout ?? defaultKeyTimeout, `${name}: keyTimeout`)
  const built = new LRUCache<string, Provider>({ max: builtPerKeySet })
  // The provider that verified a request also parses it and answers its protocol requests (Zoom signs its
  // url_validation answer with the tenant's secret).
  const chosen = new WeakMap<VerifiedRequest | WebhookEvent, Provider>()

  async function providerFor(request: KeyRequest): Promise<Provider> {
    const keys: Record<string, unknown> = {}
    for (const option of resolvers) {
      const resolve = options[option] as KeyResolver<unknown>
      const value = await withinTimeout(() => resolve(request), timeoutMs, `${name}: ${option}`)
      if (value === undefined || (Array.isArray(value) && value.length === 0))
        throw new WebhookVerificationError(
          'unknown_tenant',
          `${name}: the ${option} resolver has no ${option} for this request: no known tenant sent it`,
        )
      keys[option] = value
    }
    const cacheKey = JSON.stringify(keys)
    let provider = built.get(cacheKey)
    if (provider === undefined) {
      provider = buildResolved(keys)
      built.set(cacheKey, provider)
    }
    return provider
  }

  // A key the provider refuses (not hex, not a whpk_ key) is the resolver's failure, not the sender's.
  function buildResolved(keys: Record<string, unknown>): Provider {
    try {
      return build({ ...options, ...keys } as StaticKeys<O>)
    } catch (error) {
      throw new WebhookVerificationError(
        'key_unavailable',
        `${name}: the ${resolvers.join(' or ')} resolver answered a key ${name} refuses: check what it returns for this tenant`,
        { cause: error },
      )
    }
  }

  const ofRequest = (request: RawRequest) =>
    providerFor({ headers: readHeaders(request.headers), url: request.url })

  return {
    name,
    retryHorizon: template.retryHorizon,
    maxBodyBytes: template.maxBodyBytes,
    tolerance: template.tolerance,
    methods: template.methods,
    async verify(request) {
      const provider = await ofRequest(request)
      const verified = await provider.verify(request)
      chosen.set(verified, provider)
      return verified
    },
    parse(verified) {
      const provider = chosen.get(verified) ?? template
      const event = provider.parse(verified)
      chosen.set(event, provider)
      return event
    },
    reply: template.reply && ((event) => (chosen.get(event) ?? template).reply?.(event)),
    handshake: template.handshake && (async (request) => (await ofRequest(request)).handshake?.(request)),
    split: template.split && ((event) => template.split?.(event)),
    async sign(input) {
      return (await providerFor({ headers: readHeaders({}), url: input.url })).sign(input)
    },
  }
}

/** The resolver's answer, or `key_unavailable` when it throws or takes longer than `timeoutMs`. */
async function withinTimeout<T>(call: () => MaybePromise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      Promise.resolve().then(call),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
  } catch (error) {
    throw new WebhookVerificationError(
      'key_unavailable',
      `${what}: the key resolver failed or did not answer; retry later`,
      { cause: error },
    )
  } finally {
    clearTimeout(timer)
  }
}

/** A secret every HMAC factory accepts, for `resolvingKeys`' `placeholder`. */
export const placeholderSecret = 'placeholder-never-verifies'
