import { decode, encode, utf8 } from '../../crypto/backend.js'
import { malformedHeader } from '../failures.js'

/** A compact JWS whose parts decoded: what Plaid sends in `Plaid-Verification`. */
export interface DecodedJwt {
  header: Record<string, unknown>
  claims: Record<string, unknown>
  /** `<header>.<claims>` as received: the bytes the signature covers. */
  signingInput: string
  signature: Uint8Array
}

/** The three parts of a compact JWS, each canonical base64url; JSON objects for the first two. */
export function decodeJwt(token: string, header: string): DecodedJwt {
  const parts = token.split('.')
  const bytes = parts.length === 3 ? parts.map((part) => decode(part, 'base64url')) : []
  const [head, claims] = bytes.slice(0, 2).map((part) => (part ? jsonObject(utf8(part)) : undefined))
  if (!head || !claims || !bytes[2]) throw malformedHeader(header, 'is not a JWT (header.claims.signature)')
  return { header: head, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: bytes[2] }
}

/** `<header>.<claims>`, the part of a JWS that gets signed. */
export function jwtSigningInput(header: object, claims: object): string {
  const part = (value: object) => encode(new TextEncoder().encode(JSON.stringify(value)), 'base64url')
  return `${part(header)}.${part(claims)}`
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
