import { ExitCode, run } from '@hookgate/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { type RunningExample, startExample } from '../support/start-example.js'
import { readmeBlock } from './readme.js'

// The secret the README starts examples/express with, so its `hookgate send` line runs as written.
const secret = /STRIPE_WEBHOOK_SECRET=(\S+)/.exec(readmeBlock('Quick start', 'sh'))![1]!
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

  it("runs the README's `hookgate send` line against examples/express", async () => {
    const line = readmeBlock('Quick start', 'sh')
      .split('\n')
      .find((command) => command.includes('pnpm hookgate send'))!
    const [env, argv] = line.split(' pnpm hookgate ') as [string, string]
    const fake = fakeTerminal({ env: { HOOKGATE_SECRET: env.replace('HOOKGATE_SECRET=', '') } })
    const args = argv
      .split(' ')
      .map((arg) => arg.replace('http://127.0.0.1:3000', running.get('express')!.url))
    expect(await run(args, fake.terminal)).toBe(ExitCode.ok)
    expect(fake.stdout()).toMatch(/^10 sent in .*: all 2xx$/m)
  })
})
