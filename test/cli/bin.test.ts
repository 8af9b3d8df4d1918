import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { readmeBlock } from './readme.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Runs a command in the repository root as a user would; resolves with its exit code and output. */
async function shell(file: string, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd: root, timeout: 15_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

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
    const usage = await shell('node_modules/.bin/tsx', [
      'packages/cli/src/bin.ts',
      'send',
      '--provider',
      'stripe',
    ])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/missing required argument 'url'/)
  })
})
