import { readFileSync } from 'node:fs'
import { ExitCode, run } from '@hookgate/cli'
import { describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { readmeBlock } from './readme.js'

describe('README quick start', () => {
  it('is copied from examples/express, line for line and in order', () => {
    const example = readFileSync(
      new URL('../../examples/express/src/server.ts', import.meta.url),
      'utf8',
    ).split('\n')
    let at = 0
    for (const line of readmeBlock('Quick start', 'ts').split('\n')) {
      if (line === '') continue
      const found = example.indexOf(line, at)
      expect(
        found,
        `README line not in examples/express/src/server.ts (in order): ${line}`,
      ).toBeGreaterThanOrEqual(0)
      at = found + 1
    }
  })
})

describe('packages/cli/README.md', () => {
  it('shows the real `hookgate --help`', async () => {
    const readme = readFileSync(new URL('../../packages/cli/README.md', import.meta.url), 'utf8')
    const fake = fakeTerminal()
    expect(await run(['--help'], fake.terminal)).toBe(ExitCode.ok)
    expect(readme).toContain(`\`\`\`text\n${fake.stdout()}\`\`\``)
  })
})
