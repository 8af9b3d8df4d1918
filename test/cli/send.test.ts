import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ExitCode, run, sampleTypes } from '@hookgate/cli'
import { createReceiver, github, shopify, slack, standardWebhooks, stripe, twilio } from '@hookgate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { serve } from './receiver-server.js'

const quiet = { info() {}, warn() {}, error() {} }

async function cli(argv: string[]) {
  const fake = fakeTerminal()
  const code = await run(argv, fake.terminal)
  return { code, stdout: fake.stdout(), stderr: fake.stderr() }
}

describe('hookgate send, against createReceiver on node:http', () => {
  const secret = 'whsec_cli_send_test'
  const handled: string[] = []
  let server: Awaited<ReturnType<typeof serve>>
  let receiver: ReturnType<typeof createReceiver>

  beforeAll(async () => {
    receiver = createReceiver({ provider: stripe({ secret }), logger: quiet })
    receiver.on('invoice.paid', (event) => {
      handled.push(event.id!)
    })
    server = await serve(receiver)
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  it('sends N events with K duplicates each: every event handled once, every copy answered 2xx', async () => {
    const before = handled.length
    const { code, stdout } = await cli([
      'send',
      server.url,
      '--provider',
      'stripe',
      '--secret',
      secret,
      '--type',
      'invoice.paid',
      '--repeat',
      '6',
      '--duplicates',
      '2',
      '--concurrency',
      '5',
      '--json',
    ])
    expect(code).toBe(ExitCode.ok)
    const { results, summary } = JSON.parse(stdout)
    expect(results).toHaveLength(18)
    expect(summary).toMatchObject({ total: 18, failed: 0 })
    const counts = Object.fromEntries(
      summary.rows.map((row: { code: string; count: number }) => [row.code, row.count]),
    )
    expect(counts).toEqual({ accepted: 6, duplicate: 12 })
    // Latencies to a tenth of a millisecond, as the table shows them, not float noise.
    type Row = { p50: number; p95: number; max: number }
    const latencies = [
      summary.elapsedMs,
      ...results.map((result: { ms: number }) => result.ms),
      ...summary.rows.flatMap((row: Row) => [row.p50, row.p95, row.max]),
    ]
    for (const ms of latencies) expect(String(ms)).toMatch(/^\d+(\.\d)?$/)
    await receiver.close() // drains the handlers
    expect(new Set(handled.slice(before)).size).toBe(6)
    expect(handled.length - before).toBe(6)
  })
})

describe('hookgate send, answers and exit codes', () => {
  const secret = 'whsec_cli_send_codes'
  let server: Awaited<ReturnType<typeof serve>>
  let receiver: ReturnType<typeof createReceiver>

  beforeAll(async () => {
    receiver = createReceiver({ provider: stripe({ secret }), logger: quiet })
    receiver.on('*', () => {})
    server = await serve(receiver)
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  it('prints a line per response and the summary table', async () => {
    const { code, stdout } = await cli([
      'send',
      server.url,
      '-p',
      'stripe',
      '-s',
      secret,
      '-n',
      '2',
      '-d',
      '1',
      '-c',
      '1',
    ])
    expect(code).toBe(ExitCode.ok)
    expect(stdout).toMatch(/^ {3}1 {2}202 {2}accepted +evt_[0-9a-f]{24} {2}invoice\.paid {2}[\d.]+ ms$/m)
    expect(stdout).toMatch(/^ {3}2 {2}200 {2}duplicate .* {2}duplicate #1 {2}[\d.]+ ms$/m)
    expect(stdout).toMatch(/^status +code +count +p50 +p95 +max$/m)
    expect(stdout).toMatch(/^202 +accepted +2 /m)
    expect(stdout).toMatch(/^4 sent in .*: all 2xx$/m)
  })

  it('exits 1 and says why when the receiver refuses (wrong secret)', async () => {
    const { code, stdout } = await cli(['send', server.url, '-p', 'stripe', '-s', 'whsec_wrong'])
    expect(code).toBe(ExitCode.failure)
    expect(stdout).toMatch(/^ {3}1 {2}401 {2}invalid_signature .*\(.+\)$/m)
    expect(stdout).toMatch(/1 not 2xx$/m)
  })

  it('exits 1 with network_error when nothing listens', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const { code, stdout } = await cli([
      'send',
      `http://127.0.0.1:${port}/`,
      '-p',
      'stripe',
      '-s',
      secret,
      '--json',
    ])
    expect(code).toBe(ExitCode.failure)
    expect(JSON.parse(stdout).results[0]).toMatchObject({
      status: 0,
      code: 'network_error',
      message: 'ECONNREFUSED',
    })
  })

  it('gives up on a receiver that does not answer within --timeout', async () => {
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`
    try {
      const { code, stdout } = await cli([
        'send',
        url,
        '-p',
        'stripe',
        '-s',
        secret,
        '--timeout',
        '200ms',
        '--json',
      ])
      expect(code).toBe(ExitCode.failure)
      expect(JSON.parse(stdout).results[0]).toMatchObject({ status: 0, code: 'timeout' })
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })

  it('shows progress on stderr when asked, and keeps stdout for the results', async () => {
    const fake = fakeTerminal()
    const argv = ['send', server.url, '-p', 'stripe', '-s', secret, '-n', '3', '--progress', '--quiet']
    expect(await run(argv, fake.terminal)).toBe(ExitCode.ok)
    expect(fake.stderr()).toMatch(/^sent 1\/3\n(.*\n)*sent 3\/3\n$/)
    expect(fake.stdout()).not.toMatch(/accepted +evt_/) // --quiet: the summary only
    expect(fake.stdout()).toMatch(/^202 +accepted +3 /m)
  })
})

describe('hookgate send, every provider and every bundled sample, verified by a receiver', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' // a valid Standard Webhooks secret; any string works elsewhere
  const providers = {
    stripe: stripe({ secret }),
    github: github({ secret }),
    shopify: shopify({ secret }),
    slack: slack({ secret }),
    twilio: twilio({ secret }),
    'standard-webhooks': standardWebhooks({ secret }),
  }

  it.each(Object.entries(providers))('%s', async (providerName, provider) => {
    const receiver = createReceiver({ provider, logger: quiet })
    const seen: string[] = []
    receiver.on('*', (event) => {
      seen.push(event.type)
    })
    const server = await serve(receiver)
    try {
      for (const type of sampleTypes(providerName)) {
        const { code, stdout } = await cli([
          'send',
          `${server.url}/hooks/${providerName}?x=1`,
          '-p',
          providerName,
          '-s',
          secret,
          '-t',
          type,
          '--json',
        ])
        const [result] = JSON.parse(stdout).results
        expect({ type, code, status: result.status, outcome: result.code }).toEqual({
          type,
          code: ExitCode.ok,
          status: type === 'url_verification' ? 200 : 202,
          // The challenge answer is Slack's protocol reply, not a hookgate outcome body: no code to show.
          outcome: type === 'url_verification' ? '-' : 'accepted',
        })
      }
      await receiver.close()
      // The receiver parsed each sample as the event type it is named after.
      expect(seen.sort()).toEqual(sampleTypes(providerName).filter((type) => type !== 'url_verification'))
    } finally {
      await server.close()
    }
  })
})
