import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import type { RequestLocation } from '@hookgate/core/adapter'

/** A Node request as frameworks pass it: Express and Nest's adapters add `originalUrl`. */
export type NodeRequest = IncomingMessage & { originalUrl?: string }

/** The first value of a header Node may give as a list. */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export function locationOf(req: NodeRequest): RequestLocation {
  return {
    protocol: (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http',
    host: req.headers.host,
    // originalUrl: the path as sent, before a router's mount point was stripped from req.url.
    path: req.originalUrl ?? req.url ?? '/',
    header: (name) => single(req.headers[name]),
  }
}
