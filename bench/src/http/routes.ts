import type { Receiver } from '@hookgate/core'
import type { Redis } from 'ioredis'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { secrets } from '../secrets.js'
import type { RouteName } from './protocol.js'

export type HeaderRecord = Record<string, string | string[] | undefined>

export type PeerRouteName = Extract<RouteName, `peer-${string}`>
export type HookgateRouteName = Extract<RouteName, `hookgate-${string}`>

/**
 * The peer routes' work, written once: every framework hands over the raw body and headers and writes
 * back the status, so the frameworks differ only in how they read the body.
 */
export interface PeerRoutes {
  names: PeerRouteName[]
  status(route: PeerRouteName, body: Buffer, headers: HeaderRecord): number | Promise<number>
}

/** What a framework's server serves besides its two bare routes. */
export interface RouteSet {
  peer: PeerRoutes
  /** The receivers behind hookgate's routes, each mounted with the framework's adapter. */
  hookgate: Partial<Record<HookgateRouteName, Receiver>>
}

/** Every route a server has, in the order they are first measured. */
export function routeNames(routes: RouteSet): RouteName[] {
  return [
    'bare-raw',
    'bare-json',
    ...routes.peer.names,
    ...(Object.keys(routes.hookgate) as HookgateRouteName[]),
  ]
}

/** A framework's server, listening on loopback. */
export interface Listening {
  port: number
  routes: RouteName[]
  close(): Promise<void>
}

const standard = new StandardWebhook(secrets.standardWebhooks)

/** standardwebhooks verify (which also parses the body). */
function verifies(body: Buffer, headers: HeaderRecord): boolean {
  try {
    standard.verify(body, headers as Record<string, string>)
    return true
  } catch {
    return false
  }
}

/** The peer routes; the `SET NX` ones only when Redis is reachable. Keys go under `prefix`. */
export function peerRoutes(redis: Redis | undefined, prefix: string): PeerRoutes {
  const claim = async (headers: HeaderRecord) =>
    (await redis!.set(`${prefix}setnx:${String(headers['webhook-id'])}`, '1', 'PX', 60_000, 'NX')) === 'OK'
  return {
    names: redis ? ['peer-verify', 'peer-setnx', 'peer-verify-setnx'] : ['peer-verify'],
    async status(route, body, headers) {
      if (route !== 'peer-setnx' && !verifies(body, headers)) return 401
      if (route === 'peer-verify') return 204
      return (await claim(headers)) ? 204 : 409
    },
  }
}
