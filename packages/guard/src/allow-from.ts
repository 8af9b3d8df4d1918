import type { Guard, GuardRequest, Outcome } from '@hookgate/core'
import { rejectionOutcome } from '@hookgate/core/adapter'
import ipaddr from 'ipaddr.js'
import { type Address, parseClientAddress } from './client-address.js'
import { GuardOptionError } from './errors.js'

/** `allowFrom`'s options in full; a list of ranges alone is `{ ranges }`. */
export interface AllowFromOptions {
  /**
   * IPv4 and IPv6 CIDRs (`192.30.252.0/22`, `2606:50c0::/32`) or single addresses (`3.18.12.63`), such as
   * a sender's published ranges (`fetchRanges(senderRanges.github)`).
   * @default none: required
   */
  ranges: readonly string[]
  /**
   * Names the list in the 403 message (`'GitHub hooks'`), so a refused sender's log says which list.
   * @default 'the allowlist'
   */
  name?: string
}

/** The allowlist guard; `update` swaps its ranges (a sender's list refreshed) without a new receiver. */
export interface AllowFromGuard extends Guard {
  /** Replaces the ranges, checked as `allowFrom` checks them; a bad list throws and keeps the old one. */
  update(ranges: readonly string[]): void
}

type Range = [Address, number]

/** Each range parsed, an IPv4-mapped IPv6 one (`::ffff:10.0.0.0/104`) as the IPv4 range it covers. */
function parseRanges(ranges: readonly string[]): Range[] {
  if (!Array.isArray(ranges)) throw new GuardOptionError('allowFrom: ranges must be an array of CIDRs')
  return ranges.map((text, i): Range => {
    const range = typeof text === 'string' ? parseRange(text.trim()) : undefined
    if (range === undefined) {
      throw new GuardOptionError(
        `allowFrom: ranges[${i}] (${JSON.stringify(text)}) is not an IPv4 or IPv6 address or CIDR`,
      )
    }
    return range
  })
}

function parseRange(text: string): Range | undefined {
  let range: Range
  if (ipaddr.isValidCIDR(text)) range = ipaddr.parseCIDR(text)
  else if (ipaddr.isValid(text)) {
    const address = ipaddr.parse(text)
    range = [address, address.kind() === 'ipv4' ? 32 : 128]
  } else return undefined
  const [address, bits] = range
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && bits >= 96) {
    return [address.toIPv4Address(), bits - 96]
  }
  return range
}

/**
 * A guard that lets through only requests from the given ranges: any other address, or a request
 * without one, is refused 403 `forbidden_address` before any hashing. It complements signatures, never
 * replaces them: an address says where a request came from, not that the sender signed it.
 */
export function allowFrom(options: readonly string[] | AllowFromOptions): AllowFromGuard {
  const { ranges, name = 'the allowlist' } = Array.isArray(options)
    ? { ranges: options as readonly string[] }
    : (options as AllowFromOptions)
  let parsed = parseRanges(ranges)
  const refusal = (address: Address): Outcome =>
    rejectionOutcome('forbidden_address', `the client address ${address.toString()} is not in ${name}`)
  return {
    check(request: GuardRequest): Outcome | undefined {
      const client = parseClientAddress(request)
      if (!client.ok) return client.outcome
      const { address } = client
      const kind = address.kind()
      for (const [network, bits] of parsed) {
        if (network.kind() === kind && address.match(network, bits)) return undefined
      }
      return refusal(address)
    },
    update(next) {
      parsed = parseRanges(next)
    },
  }
}
