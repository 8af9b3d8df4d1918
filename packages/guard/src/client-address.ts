import type { GuardRequest, Outcome } from '@hookgate/core'
import { rejectionOutcome } from '@hookgate/core/adapter'
import ipaddr from 'ipaddr.js'

export type Address = ipaddr.IPv4 | ipaddr.IPv6

/** The request's address, parsed, with an IPv4-mapped IPv6 one (`::ffff:192.0.2.1`) as the IPv4 it is. */
export type ParsedAddress = { ok: true; address: Address } | { ok: false; outcome: Outcome }

/**
 * The client address of a request, or the refusal of one without a usable address. Refused rather than let
 * through: an adapter that gives none (or a trust-proxy setup that yields a header's text) is misconfigured,
 * and a guard that silently passed such requests would guard nothing.
 */
export function parseClientAddress(request: GuardRequest): ParsedAddress {
  const text = request.clientAddress
  if (text === undefined || text === '') {
    return refused(
      'the adapter gave no client address: configure its trust proxy or clientAddress option (see @hookgate/guard)',
    )
  }
  if (!ipaddr.isValid(text)) return refused(`the client address ${JSON.stringify(text)} is not an IP address`)
  return { ok: true, address: ipaddr.process(text) }
}

function refused(message: string): ParsedAddress {
  return { ok: false, outcome: rejectionOutcome('forbidden_address', message) }
}
