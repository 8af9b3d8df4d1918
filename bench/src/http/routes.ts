import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Receiver } from '@hookgate/core'
import type { Redis } from 'ioredis'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { secrets } from '../secrets.js'
import type { RouteName } from './protocol.js'

export type HeaderRecord = Record<string, string | string[] | undefined>

/** Routes that take the raw body and answer a status: the peers', and the verified floor. */
export type PeerRouteName = Extract<RouteName, `peer-${string}` | 'floor-verify'>
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

const header = (headers: HeaderRecord, name: string) => String(headers[name])

/**
 * The floor of verification, written out: HMAC-SHA256 of `{id}.{timestamp}.{body}` compared in constant
 * time with the `v1` signature, then JSON.parse. No freshness check, no header parsing beyond one entry:
 * less than any real verifier does.
 */
function floorVerifies(body: Buffer, headers: HeaderRecord): boolean {
  const mac = createHmac('sha256', secrets.key)
    .update(`${header(headers, 'webhook-id')}.${header(headers, 'webhook-timestamp')}.`)
    .update(body)
    .digest()
  const sent = Buffer.from(header(headers, 'webhook-signature').slice(3), 'base64')
  if (sent.length !== mac.length || !timingSafeEqual(mac, sent)) return false
  JSON.parse(body.toString('utf8'))
  return true
}

/** The peer routes; the `SET NX` ones only when Redis is reachable. Keys go under `prefix`. */
export function peerRoutes(redis: Redis | undefined, prefix: string): PeerRoutes {
  const claim = async (headers: HeaderRecord) =>
    (await redis!.set(`${prefix}setnx:${String(headers['webhook-id'])}`, '1', 'PX', 60_000, 'NX')) === 'OK'
  return {
    names: redis
      ? ['floor-verify', 'peer-verify', 'peer-setnx', 'peer-verify-setnx']
      : ['floor-verify', 'peer-verify'],
    async status(route, body, headers) {
      if (route === 'floor-verify') return floorVerifies(body, headers) ? 204 : 401
      if (route !== 'peer-setnx' && !verifies(body, headers)) return 401
      if (route === 'peer-verify') return 204
      return (await claim(headers)) ? 204 : 409
    },
  }
}
