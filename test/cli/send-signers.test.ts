import { generateKeyPairSync } from 'node:crypto'
import { ExitCode, run, sampleTypes } from '@hookgate/cli'
import { createReceiver, type Provider, plaid } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { signerProfiles } from '../../packages/cli/src/providers/signers.js'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { cliSigned, forged } from './cli-signed.js'
import { serve } from './receiver-server.js'

// Every bundled sample of the signers, sent twice by `hookgate send` to a receiver of that provider, which
// verifies with the public half of the key the CLI signs with: each delivery gets a 2xx, and is parsed as
// the type it is named (Discord's PING is answered, never handled; a Supabase hook body names no type).
const quiet = { info() {}, warn() {}, error() {} }
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const privateJwk = p256.privateKey.export({ format: 'jwk' })
const publicJwk = p256.publicKey.export({ format: 'jwk' })
const secrets: Record<string, string> = {
  discord: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  sendgrid: JSON.stringify(privateJwk),
  plaid: JSON.stringify({ ...privateJwk, kid: 'cli-kid' }),
  postmark: 'hooks:cli-password',
  'basic-auth': 'hooks:cli-password',
}
const secretOf = (name: string) => secrets[name] ?? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const receiverProvider = (name: string, profile: { provider(secret: string): Provider }) =>
  name === 'plaid'
    ? plaid({ publicKey: (kid) => (kid === 'cli-kid' ? publicJwk : undefined) })
    : profile.provider(secretOf(name))
const expectedTypes: Record<string, string[]> = {
  discord: ['APPLICATION_COMMAND'],
  supabase: ['webhook'],
}

describe.each(signerProfiles.map((profile) => [profile.name, profile] as const))('%s', (name, profile) => {
  it('sends every bundled sample twice; every delivery gets a 2xx, parsed as its type', async () => {
    const receiver = createReceiver({ provider: receiverProvider(name, profile), logger: quiet })
    const seen: string[] = []
    receiver.on('*', (event) => {
      seen.push(event.type)
    })
    const server = await serve(receiver)
    try {
      for (const type of sampleTypes(name)) {
        const argv = [
          'send',
          `${server.url}/hooks/${name}`,
          '-p',
          name,
          '-s',
          secretOf(name),
          '-t',
          type,
          '-n',
          '2',
        ]
        const fake = fakeTerminal()
        expect({ type, code: await run([...argv, '--json'], fake.terminal) }).toEqual({
          type,
          code: ExitCode.ok,
        })
      }
      await receiver.close()
      expect([...new Set(seen)].sort()).toEqual(expectedTypes[name] ?? sampleTypes(name))
    } finally {
      await server.close()
    }
  })
})

// The senders that sign nothing: a forger changes their credential, not the body.
const credentialHeaders: Record<string, string> = {
  gitlab: 'x-gitlab-token',
  postmark: 'authorization',
  'basic-auth': 'authorization',
  token: 'authorization',
}

describe.each(signerProfiles.map((profile) => [profile.name, profile] as const))('%s', (name, profile) => {
  it('signs a sample with `hookgate sign`, which the provider verifies, and not with a byte changed', async () => {
    const provider = receiverProvider(name, profile)
    const request = await cliSigned(profile, secretOf(name))
    await expect(provider.verify(request)).resolves.toBeDefined()
    await expect(provider.verify(forged(request, credentialHeaders[name]))).rejects.toMatchObject({
      code: 'invalid_signature',
    })
  })
})
