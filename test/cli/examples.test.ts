import { ExitCode, run } from '@hookgate/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { type RunningExample, startExample } from './start-example.js'

const secret = 'whsec_cli_examples'
const examples = ['express', 'hono', 'fastify'] as const

async function send(url: string, ...argv: string[]) {
  const fake = fakeTerminal({ env: { HOOKGATE_SECRET: secret } })
  const code = await run(['send', url, '--provider', 'stripe', '--json', ...argv], fake.terminal)
  return { code, ...JSON.parse(fake.stdout()) }
}

describe.concurrent('hookgate send, against each adapter example app', () => {
  const running = new Map<string, RunningExample>()

  beforeAll(async () => {
    // Started together: each takes a second or two to compile and listen.
    const started = await Promise.all(
      examples.map((name) => startExample(name, { STRIPE_WEBHOOK_SECRET: secret })),
    )
    for (const [i, name] of examples.entries()) running.set(name, started[i]!)
  }, 30_000)
  afterAll(async () => {
    await Promise.all([...running.values()].map((example) => example.stop()))
  })

  it.each(examples)(
    'examples/%s: each event handled once, duplicates suppressed, forgeries refused',
    async (name) => {
      const example = running.get(name)!
      const target = `${example.url}/webhooks/stripe`
      const burst = await send(
        target,
        '--type',
        'invoice.paid',
        '--repeat',
        '4',
        '--duplicates',
        '2',
        '--concurrency',
        '6',
      )
      expect(burst.code).toBe(ExitCode.ok)
      const counts = Object.fromEntries(
        burst.summary.rows.map((row: { code: string; count: number }) => [row.code, row.count]),
      )
      expect(counts).toEqual({ accepted: 4, duplicate: 8 })

      const ids = [...new Set(burst.results.map((result: { id: string }) => result.id))] as string[]
      expect(ids).toHaveLength(4)
      for (const id of ids) await example.waitFor(new RegExp(`handled invoice\\.paid ${id}`))
      for (const id of ids) expect(example.output().split(`handled invoice.paid ${id}`)).toHaveLength(2)

      const fakeTerminalWithWrongSecret = fakeTerminal()
      const forged = await run(
        ['send', target, '-p', 'stripe', '-s', 'whsec_not_the_apps', '--json'],
        fakeTerminalWithWrongSecret.terminal,
      )
      expect(forged).toBe(ExitCode.failure)
      expect(JSON.parse(fakeTerminalWithWrongSecret.stdout()).results[0]).toMatchObject({
        status: 401,
        code: 'invalid_signature',
      })
    },
  )
})
