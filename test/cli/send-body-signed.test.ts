import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ExitCode, run, sampleTypes } from '@hookgate/cli'
import { createReceiver } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import type { ProviderProfile } from '../../packages/cli/src/profile.js'
import { bodySignedProfiles } from '../../packages/cli/src/providers/body-signed.js'
import { sampleBody } from '../../packages/cli/src/send/plan.js'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { serve } from './receiver-server.js'

// The senders whose signature is inside the body (and CloudEvents, whose media type picks the mode): a
// receiver of each gets every bundled sample from `hookgate send`, and what `hookgate sign` prints (the
// headers, plus the body it writes to --body-out) sent by plain fetch, and accepts each as its type.
const quiet = { info() {}, warn() {}, error() {} }
const secrets: Record<string, string> = {
  mailgun: 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
  adyen: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
  braintree: 'cli_public_key:cli_private_key',
  'microsoft-graph': 'cli-client-state',
  cloudevents: 'cli-access-token',
}
const dir = mkdtempSync(join(tmpdir(), 'hookgate-sign-'))

describe.each(bodySignedProfiles.map((profile) => [profile.name, profile] as const))(
  '%s',
  (name, profile) => {
    const secret = secrets[name]!

    it('sends every bundled sample twice; every delivery gets a 2xx, parsed as its type', async () => {
      const seen = await receiving(profile, async (url) => {
        for (const type of sampleTypes(name)) {
          const fake = fakeTerminal()
          const argv = ['send', url, '-p', name, '-s', secret, '-t', type, '-n', '2', '--json']
          const code = await run(argv, fake.terminal)
          const { summary } = JSON.parse(fake.stdout()) as { summary: { rows: { code: string }[] } }
          expect({ type, code, outcomes: summary.rows.map((row) => row.code) }).toEqual({
            type,
            code: ExitCode.ok,
            outcomes: ['accepted'],
          })
        }
      })
      expect(seen.sort()).toEqual(sampleTypes(name).flatMap((type) => [type, type]))
    })

    it('signs a sample; its headers and --body-out body, sent as they are, are accepted', async () => {
      const { body } = sampleBody(profile, profile.defaultType, profile.newId(), nowSeconds())
      const bodyOut = join(dir, `${name}.body`)
      const fake = fakeTerminal({ stdin: body })
      const argv = ['sign', '-p', name, '-s', secret, '--body-out', bodyOut]
      expect(await run(argv, fake.terminal)).toBe(ExitCode.ok)
      expect(fake.stderr()).toBe('')
      const seen = await receiving(profile, async (url) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: headerLines(fake.stdout()),
          body: readFileSync(bodyOut),
        })
        expect(await response.json()).toMatchObject({ code: 'accepted' })
      })
      expect(seen).toEqual([profile.defaultType])
    })

    it.runIf(name !== 'cloudevents')(
      'refuses to print headers alone for a body it rewrote; --json carries that body',
      async () => {
        const { body } = sampleBody(profile, profile.defaultType, profile.newId(), nowSeconds())
        const bare = fakeTerminal({ stdin: body })
        expect(await run(['sign', '-p', name, '-s', secret], bare.terminal)).toBe(ExitCode.usage)
        expect(bare.stdout()).toBe('')
        expect(bare.stderr()).toMatch(/signs inside the body: pass --body-out/)
        const json = fakeTerminal({ stdin: body })
        expect(await run(['sign', '-p', name, '-s', secret, '--json'], json.terminal)).toBe(ExitCode.ok)
        const signed = (JSON.parse(json.stdout()) as { body?: unknown }).body
        expect(typeof signed === 'string' && signed !== body).toBe(true)
      },
    )
  },
)

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Runs `work` against a real receiver of `profile`; the types of the events it handled, once drained. */
async function receiving(profile: ProviderProfile, work: (url: string) => Promise<void>): Promise<string[]> {
  const receiver = createReceiver({ provider: profile.provider(secrets[profile.name]!), logger: quiet })
  const seen: string[] = []
  receiver.on('*', (event) => {
    seen.push(event.type)
  })
  const server = await serve(receiver)
  try {
    await work(`${server.url}/hooks/${profile.name}`)
    await receiver.close()
    return seen
  } finally {
    await server.close()
  }
}

/** `Name: value` lines, as `curl -H @headers.txt` reads them. */
function headerLines(text: string): Record<string, string> {
  const lines = text.trimEnd().split('\n')
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
  )
}
