import { createHmac } from 'node:crypto'
import type * as hookgate from '@hookgate/core'
import type { Provider } from '@hookgate/core'

// The shape of a handshake case and the builders of its requests and answers (cases.ts holds the cases).

/** A request as the sender makes it; `query` is appended to whatever path the test mounts. */
export interface SenderRequest {
  method: string
  query?: string
  headers: Record<string, string>
  body: string
}

export interface ExpectedAnswer {
  status: number
  /** Every header named here must be there with this value (content type included). */
  headers: Record<string, string>
  body: string
}

export type Core = typeof hookgate

export interface HandshakeCase {
  name: string
  /** Built from `core`: another copy of the package (on Web Crypto) in web-crypto.test.ts. */
  provider(core?: Core): Provider
  /** Made at test time: some are signed with the real clock. */
  handshakes(): Promise<{ what: string; request: SenderRequest; answer: ExpectedAnswer }[]>
  /** A signed event and the type it parses to. */
  delivery(): Promise<{ request: SenderRequest; type: string }>
  /** One byte changed by a forger: of the body by default; of the credential for senders that sign nothing. */
  forge?(request: SenderRequest): SenderRequest
}

/** `text` with its middle character changed. */
export const flip = (text: string) => {
  const at = text.length >> 1
  return text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1)
}

export const forgedToken = (request: SenderRequest): SenderRequest => ({
  ...request,
  headers: { ...request.headers, Authorization: flip(request.headers.Authorization!) },
})

export const hmacOf = (secret: string, text: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', secret).update(text).digest(encoding)

export async function signedPost(provider: Provider, body: string, type?: string): Promise<SenderRequest> {
  const signed = await provider.sign({ body, type })
  // Senders that sign inside the body return it changed.
  return { method: 'POST', headers: signed.headers, body: String(signed.body) }
}

export const get = (query: string): SenderRequest => ({ method: 'GET', query, headers: {}, body: '' })
export const text = (body: string, more: Record<string, string> = {}): ExpectedAnswer => ({
  status: 200,
  headers: { 'content-type': 'text/plain', ...more },
  body,
})
export const json = (value: unknown): ExpectedAnswer => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
})
