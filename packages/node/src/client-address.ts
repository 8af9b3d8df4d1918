import type { IncomingMessage } from 'node:http'
import proxyaddr from 'proxy-addr'

/**
 * Which peers are proxies whose `X-Forwarded-For` is believed: a list of addresses and CIDRs (and
 * proxy-addr's names `'loopback'`, `'linklocal'`, `'uniquelocal'`), or a function of a hop's address
 * and its distance from the socket (0 is the peer itself).
 */
export type TrustProxy = readonly string[] | ((address: string, hop: number) => boolean)

/**
 * The client address of a request: the socket's peer, or with `trust`, the nearest address in
 * `X-Forwarded-For`, read right to left, past trusted hops only (proxy-addr, as Express's `req.ip`). A
 * header sent by an untrusted peer is never read, so it cannot forge the address.
 */
export function clientAddressOf(trust: TrustProxy | undefined): (req: IncomingMessage) => string | undefined {
  if (trust === undefined) return (req) => req.socket.remoteAddress
  let trusts: (address: string, hop: number) => boolean
  try {
    trusts = typeof trust === 'function' ? trust : proxyaddr.compile([...trust])
  } catch (error) {
    throw new TypeError(`@hookgate/node: trustedProxies: ${(error as Error).message}`, { cause: error })
  }
  // A socket already closed has no peer: proxy-addr would throw on it.
  return (req) => (req.socket.remoteAddress === undefined ? undefined : proxyaddr(req, trusts))
}
