import { ExitCode, run, sampleTypes } from '@hookgate/cli'
import { createReceiver } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { handshakeProfiles } from '../../packages/cli/src/providers/handshakes.js'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { cliSigned, forged } from './cli-signed.js'
import { serve } from './receiver-server.js'

// Every bundled sample of the handshake senders, sent twice by `hookgate send` to a receiver of that
// provider: each event gets a 2xx and is handled once as the type it is named (the second copy is a
// duplicate), even where the sender gives no id and the id is the body's signature.
const quiet = { info() {}, warn() {}, error() {} }
const secret = 'cli-handshake-secret'
const expectedTypes: Record<string, string[]> = { dropbox: ['list_folder'] }

describe.each(handshakeProfiles.map((profile) => [profile.name, profile] as const))('%s', (name, profile) => {
  it('sends every bundled sample twice; every delivery gets a 2xx, parsed as its type', async () => {
    const receiver = createReceiver({ provider: profile.provider(secret), logger: quiet })
    const seen: string[] = []
    receiver.on('*', (event) => {
      seen.push(event.type)
    })
    const server = await serve(receiver)
    try {
      for (const type of sampleTypes(name)) {
        const argv = ['send', `${server.url}/hooks/${name}`, '-p', name, '-s', secret, '-t', type, '-n', '2']
        const fake = fakeTerminal()
        expect({ type, code: await run([...argv, '--json'], fake.terminal) }).toEqual({
          type,
          code: ExitCode.ok,
        })
      }
      await receiver.close()
      expect([...new Set(seen)].sort()).toEqual(expectedTypes[name] ?? sampleTypes(name))
      // Two events per sample: a refresh that left two bodies equal would make the second a duplicate.
      expect(seen.length).toBe(sampleTypes(name).length * 2)
    } finally {
      await server.close()
    }
  })
})

describe.each(handshakeProfiles.map((profile) => [profile.name, profile] as const))('%s', (name, profile) => {
  it('signs a sample with `hookgate sign`, which the provider verifies, and not with a byte changed', async () => {
    const provider = profile.provider(secret)
    const request = await cliSigned(profile, secret)
    await expect(provider.verify(request)).resolves.toBeDefined()
    // Okta signs nothing: its credential is the Authorization header.
    const credential = name === 'okta' ? 'authorization' : undefined
    await expect(provider.verify(forged(request, credential))).rejects.toMatchObject({
      code: 'invalid_signature',
    })
  })
})
