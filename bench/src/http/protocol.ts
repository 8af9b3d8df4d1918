/**
 * Messages between the orchestrator and its two children (the server pinned to one core, the load
 * generator pinned to the other), over Node's IPC channel.
 */

export type Framework = 'express' | 'fastify' | 'hono'

/** What each route does before answering; the path is `/${route}`. */
export type RouteName =
  /** Reads the raw body, answers 204: the framework's floor. */
  | 'bare-raw'
  /** Parses the body with the framework's own JSON parser, answers 204: an app with no verification. */
  | 'bare-json'
  /**
   * The verified floor: what any verifier must do, by hand on node:crypto (HMAC-SHA256 of the signed
   * content, a constant-time compare, JSON.parse), answers 204. The ceiling for every verifying route.
   */
  | 'floor-verify'
  /** The peer: standardwebhooks verify on the raw body, answers 204. */
  | 'peer-verify'
  /** One ioredis `SET NX PX` on the delivery id, answers 204: the cost of the round trip alone. */
  | 'peer-setnx'
  /** Both of the above, as an app would combine them. */
  | 'peer-verify-setnx'
  /** hookgate's adapter with the memory store and memory queue. */
  | 'hookgate-memory'
  /** hookgate's adapter with the Redis store and Redis queue. */
  | 'hookgate-redis'

export interface ServerReady {
  kind: 'ready'
  port: number
  routes: RouteName[]
}

export interface LoadRequest {
  kind: 'load'
  url: string
  connections: number
  seconds: number
  body: string
}

export interface LoadResult {
  kind: 'loaded'
  requests: number
  seconds: number
  reqPerSec: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
  statusCodes: Record<string, number>
}
