import { ExitCode, run } from '@hookgate/cli'
import { describe, expect, it } from 'vitest'
import { fakeTerminal } from './fake-terminal.js'

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
    [['sign', '-p', 'github', '-s', 'x'], /pipe the payload on stdin/],
    [['sign', '-p', 'standard-webhooks', '-s', 'not-base64', '-e', 'package.json'], /whsec_/],
    [['sign', '-p', 'twilio', '-s', 'x', '-e', 'package.json'], /needs input\.url/],
    [['dlq', 'purge'], /give their ids, or --all/],
    [['samples', 'paypal'], /unknown provider 'paypal'/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stderr, stdout } = await cli(argv)
    expect(code).toBe(ExitCode.usage)
    expect(stderr).toMatch(message)
    expect(stdout).toBe('')
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

  it('prints its version', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})
