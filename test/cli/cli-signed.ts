import { ExitCode, run, samplePayload } from '@hookgate/cli'
import { expect } from 'vitest'
import type { ProviderProfile } from '../../packages/cli/src/profile.js'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { flip } from '../../packages/core/test/schemes/handshakes/cases.js'

export const url = 'https://example.com/hooks'

/** A request as `hookgate sign` signs it: the profile's default sample, fresh, and the headers it printed. */
export async function cliSigned(profile: ProviderProfile, secret: string) {
  const payload = samplePayload(profile.name, profile.defaultType)
  // What `send` stamps into a sample; `sign` signs the bytes it is given, as they are.
  profile.refresh?.(payload, profile.newId(), Math.floor(Date.now() / 1000))
  const body = JSON.stringify(payload)
  const fake = fakeTerminal({ stdin: body })
  const argv = [
    'sign',
    '-p',
    profile.name,
    '-s',
    secret,
    '--type',
    profile.defaultType,
    '--json',
    '--url',
    url,
  ]
  expect({ code: await run(argv, fake.terminal), stderr: fake.stderr() }).toEqual({
    code: ExitCode.ok,
    stderr: '',
  })
  const { headers } = JSON.parse(fake.stdout()) as { headers: Record<string, string> }
  return { url, headers, body }
}

/**
 * The request with one byte changed by a forger: of the body, or, for a sender that signs nothing and
 * sends a credential instead, of the header carrying it.
 */
export function forged(request: Awaited<ReturnType<typeof cliSigned>>, credentialHeader?: string) {
  if (credentialHeader === undefined) return { ...request, body: flip(request.body) }
  const name = Object.keys(request.headers).find((key) => key.toLowerCase() === credentialHeader)
  expect(name, `sign printed no ${credentialHeader}`).toBeDefined()
  return { ...request, headers: { ...request.headers, [name!]: flip(request.headers[name!]!) } }
}
