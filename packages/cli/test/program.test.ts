import { ExitCode, run } from '@hookgate/cli'
import { describe, expect, it } from 'vitest'
import { fakeTerminal } from './fake-terminal.js'

/** A Standard Webhooks public key: it verifies, it can not sign. */
const whpk = `whpk_${Buffer.alloc(32, 7).toString('base64')}`

async function cli(argv: string[], options?: Parameters<typeof fakeTerminal>[0]) {
  const fake = fakeTerminal(options)
  const code = await run(argv, fake.terminal)
  return { code, stdout: fake.stdout(), stderr: fake.stderr() }
}

describe('hookgate command line', () => {
  it.each([
    [['--help']],
    [['send', '--help']],
    [['sign', '--help']],
    [['demo', '--help']],
    [['dlq', '--help']],
    [['dlq', 'replay', '--help']],
  ])('answers %j with help on stdout and exit code 0', async (argv) => {
    const { code, stdout } = await cli(argv)
    expect(code).toBe(ExitCode.ok)
    expect(stdout).toMatch(/^Usage: hookgate/)
  })

  it('shows help on stderr with exit code 2 when no command is given', async () => {
    const { code, stderr } = await cli([])
    expect(code).toBe(ExitCode.usage)
    expect(stderr).toMatch(/^Usage: hookgate/)
  })

  it('documents the exit codes and the secret variable', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /)
    expect((await cli(['send', '--help'])).stdout).toContain('HOOKGATE_SECRET')
  })

  it.each([
    [['send', '-p', 'stripe'], /missing required argument 'url'/],
    [['send', 'http://127.0.0.1:1/x'], /required option '-p, --provider <name>' not specified/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'paypal'], /Allowed choices are stripe, github/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'stripe', '--repeat', '0'], /expected a whole number >= 1/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'stripe', '--timeout', 'soon'], /--timeout must be/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'stripe', '--bogus'], /unknown option '--bogus'/],
    [['send', 'ftp://example.com', '-p', 'stripe', '-s', 'x'], /must be an http:\/\/ or https:\/\/ URL/],
    [
      ['send', 'http://127.0.0.1:1/x', '-p', 'stripe', '-s', 'x', '--id', 'a', '-n', '2'],
      /--id names one event/,
    ],
    [['send', 'http://127.0.0.1:1/x', '-p', 'stripe', '-s', 'x', '-t', 'nope'], /available: .*invoice\.paid/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'stripe', '-s', 'x', '-e', '/no/such/file.json'], /ENOENT/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'stripe'], /pass --secret or set HOOKGATE_SECRET/],
    [['sign', '-p', 'stripe', '-s', 'x'], /pipe the payload on stdin/],
    [['sign', '-p', 'standard-webhooks', '-s', 'not-base64', '-e', 'package.json'], /--secret .*whsec_/],
    [['sign', '-p', 'standard-webhooks', '-s', whpk, '-e', 'package.json'], /--secret .*can not sign/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'standard-webhooks', '-s', whpk], /--secret .*can not sign/],
    [['sign', '-p', 'twilio', '-s', 'x', '-e', 'package.json'], /--provider twilio needs --url/],
    [['sign', '-p', 'twilio', '-s', 'x', '-e', 'package.json', '--url', '/hook'], /--url must be an http/],
    [['sign', '-p', 'github', '-s', 'x', '-e', 'package.json'], /--provider github needs --type/],
    [['send', 'http://127.0.0.1:1/x', '-p', 'shopify', '-s', 'x', '-e', 'package.json'], /needs --type/],
    [['dlq', 'purge'], /give their ids, or --all/],
    [['dlq', 'list', '--redis', 'notaurl'], /--redis .*must be a redis:\/\/ or rediss:\/\/ URL/],
    [['dlq', 'show', '1-1', '--redis', 'http://127.0.0.1:6379'], /--redis .*must be a redis:\/\//],
    [['samples', 'paypal'], /unknown provider 'paypal'/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stderr, stdout } = await cli(argv)
    expect(code).toBe(ExitCode.usage)
    expect(stderr).toMatch(message)
    // The CLI's own flags, never the library API underneath.
    expect(stderr).not.toMatch(/sign\(\)|input\.|standardWebhooks/)
    expect(stdout).toBe('')
  })

  it('refuses an empty stdin instead of signing an empty body', async () => {
    const { code, stderr, stdout } = await cli(['sign', '-p', 'stripe', '-s', 'x'], { stdin: '' })
    expect(code).toBe(ExitCode.usage)
    expect(stderr).toMatch(/stdin is empty/)
    expect(stdout).toBe('')
  })

  it('takes --json in every command', async () => {
    const leaves = ['send', 'sign', 'samples', 'demo', 'dlq list', 'dlq show', 'dlq replay', 'dlq purge']
    for (const command of leaves)
      expect((await cli([...command.split(' '), '--help'])).stdout, command).toMatch(/^ +--json /m)
  })

  it('never echoes a secret in an error', async () => {
    const { code, stderr } = await cli(['send', 'not a url', '-p', 'stripe', '--secret', 'whsec_TOPSECRET'])
    expect(code).toBe(ExitCode.usage)
    expect(stderr).not.toContain('TOPSECRET')
  })

  it('lists the bundled samples, and prints one', async () => {
    const list = await cli(['samples'])
    expect(list.stdout).toMatch(/^stripe: .*invoice\.paid/m)
    expect(list.stdout).toMatch(/^shopify: app\/uninstalled, orders\/create, orders\/paid$/m)
    const one = await cli(['samples', 'github', 'issues.opened'])
    expect(JSON.parse(one.stdout)).toMatchObject({ action: 'opened' })
  })

  it('lists the bundled samples as JSON with --json', async () => {
    const all = await cli(['samples', '--json'])
    expect(all.code).toBe(ExitCode.ok)
    expect(JSON.parse(all.stdout)).toMatchObject({ stripe: expect.arrayContaining(['invoice.paid']) })
    const shopify = await cli(['samples', 'shopify', '--json'])
    expect(JSON.parse(shopify.stdout)).toEqual({
      shopify: ['app/uninstalled', 'orders/create', 'orders/paid'],
    })
    const one = await cli(['samples', 'github', 'push', '--json'])
    expect(JSON.parse(one.stdout)).toMatchObject({ ref: expect.any(String) })
  })

  it('prints its version', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})
