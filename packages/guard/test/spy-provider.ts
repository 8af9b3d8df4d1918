// A GitHub provider whose `verify` is a spy, so a test can prove a guard refused before any HMAC ran, and
// signed requests from it (or forged ones, signed with another secret) for `receive()`.
import { github, type Provider, type RawRequest } from '@hookgate/core'
import { vi } from 'vitest'

export const secret = 'guard-test-secret'

export function spyProvider(): Provider & { verify: ReturnType<typeof vi.fn> } {
  const provider = github({ secret })
  return { ...provider, verify: vi.fn(provider.verify.bind(provider)) } as never
}

let counter = 0

/** A push delivery signed with `signingSecret` (the right one unless told), from `clientAddress`. */
export async function delivery(
  clientAddress: string | undefined,
  signingSecret = secret,
): Promise<RawRequest> {
  const signed = await github({ secret: signingSecret }).sign({
    body: JSON.stringify({ ref: 'refs/heads/main', n: ++counter }),
    type: 'push',
  })
  return {
    method: 'POST',
    url: '/webhooks/github',
    headers: signed.headers,
    body: signed.body,
    clientAddress,
  }
}
