import { ExitCode, run, samplePayload, sampleTypes } from '@hookgate/cli'
import { createReceiver } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { hmacVariantProfiles } from '../../packages/cli/src/providers/hmac-variants.js'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { serve } from './receiver-server.js'

const quiet = { info() {}, warn() {}, error() {} }
const secret = 'cli-hmac-variants-secret'

async function cli(argv: string[]) {
  const fake = fakeTerminal()
  const code = await run(argv, fake.terminal)
  return { code, stdout: fake.stdout(), stderr: fake.stderr() }
}

// Every bundled sample of the HMAC senders, sent twice as two events by `hookgate send` to a receiver of
// that provider: each is accepted (fresh ids and times stamped in), and parsed as the type it is named.
describe.each(hmacVariantProfiles.map((profile) => [profile.name, profile] as const))(
  '%s',
  (name, profile) => {
    it('sends every bundled sample, each accepted as a new event of its type', async () => {
      const receiver = createReceiver({ provider: profile.provider(secret), logger: quiet })
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
            secret,
            '-t',
            type,
            '-n',
            '2',
          ]
          const { code, stdout } = await cli([...argv, '--json'])
          const results = JSON.parse(stdout).results.map((result: { code: string }) => result.code)
          expect({ type, code, results }).toEqual({
            type,
            code: ExitCode.ok,
            results: ['accepted', 'accepted'],
          })
        }
        await receiver.close()
        // Sanity names no type in what it signs: its deliveries are all `webhook`.
        const expected = name === 'sanity' ? ['webhook', 'webhook', 'webhook', 'webhook'] : sampleTypes(name)
        expect([...new Set(seen)].sort()).toEqual([...new Set(expected)].sort())
      } finally {
        await server.close()
      }
    })

    it('signs a sample with `hookgate sign`, which the provider verifies', async () => {
      const payload = samplePayload(name, profile.defaultType)
      // What `send` stamps into a sample; `sign` signs the bytes it is given, as they are.
      profile.refresh?.(payload, profile.newId(), Math.floor(Date.now() / 1000))
      const body = JSON.stringify(payload)
      const fake = fakeTerminal({ stdin: body })
      const argv = ['sign', '-p', name, '-s', secret, '--type', profile.defaultType, '--json']
      const url = 'https://example.com/hooks'
      expect(await run([...argv, '--url', url], fake.terminal)).toBe(ExitCode.ok)
      const { headers } = JSON.parse(fake.stdout())
      await expect(profile.provider(secret).verify({ url, headers, body })).resolves.toBeDefined()
    })
  },
)
