import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readmeBlock } from './readme.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Runs a command in the repository root as a user would, with stdin an empty pipe (as in CI, or a
 * forgotten `< payload.json`); resolves with its exit code and output.
 */
function shell(file: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(file, args, { cwd: root, timeout: 15_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
    child.stdin?.end()
  })
}

const hookgate = (...args: string[]) => shell('node_modules/.bin/tsx', ['packages/cli/src/bin.ts', ...args])

describe.concurrent('the hookgate bin, as a child process', () => {
  it("`pnpm demo` (the README's first command after install) prints the summary and exits 0", async () => {
    const { code, stdout, stderr } = await shell('pnpm', ['--silent', 'demo'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ *# +provider +sent +answer +result +why$/m)
    expect(stdout).toMatch(/invoice\.paid again \(provider retry\) +200 duplicate +suppressed/)
    expect(stdout).toMatch(
      /customer\.created .* +202 accepted +handled +sync-to-crm failed \(attempt 1: CRM timed out\), retried, then sync-to-crm ok \(attempt 2\)/,
    )
    expect(stdout).toMatch(/forged \(wrong secret\) +401 invalid_signature +rejected/)
    expect(stdout).toMatch(/^12 deliveries: 3 handled, 2 suppressed, 1 ignored, 6 rejected$/m)
    expect(stdout).toMatch(/Every answer is what a correct receiver gives/)
    // The README shows this very output.
    expect(stdout).toContain(readmeBlock('Try it', 'text'))
  })

  it('sets exit code 2 on a usage error', async () => {
    const usage = await hookgate('send', '--provider', 'stripe')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/missing required argument 'url'/)
  })

  it.each([
    [['sign', '-p', 'stripe', '-s', 'x'], /stdin is empty/],
    [['send', 'http://127.0.0.1:1/', '-p', 'github', '-s', 'x', '-e', 'package.json'], /needs --type/],
    [['dlq', 'list', '--redis', 'notaurl'], /--redis/],
  ])('exits 2, naming the flag, on %j', async (args, message) => {
    const { code, stdout, stderr } = await hookgate(...args)
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
    expect(stderr).toMatch(message)
  })
})
