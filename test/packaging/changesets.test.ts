// What `pnpm changeset version` would release, computed by changesets' own release planning on this
// repository's packages and .changeset/config.json, for a changeset given here (not written to disk).
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { packageNames, root } from './pack.js'

// changesets' internals are dependencies of @changesets/cli, resolved from where it is installed.
const fromCli = createRequire(createRequire(import.meta.url).resolve('@changesets/cli/package.json'))
const { default: assembleReleasePlan } = fromCli('@changesets/assemble-release-plan')
const { read: readConfig } = fromCli('@changesets/config')
const { getPackages } = fromCli('@manypkg/get-packages')

type Bump = 'major' | 'minor' | 'patch'

async function plan(releases: Record<string, Bump>): Promise<Record<string, string>> {
  const packages = await getPackages(root)
  const config = await readConfig(root, packages)
  const changeset = {
    id: 'planned',
    summary: '',
    releases: Object.entries(releases).map(([name, type]) => ({ name, type })),
  }
  const { releases: planned } = assembleReleasePlan([changeset], packages, config, undefined)
  // The private packages (examples, bench) are in the plan too, with nothing to release.
  const released = planned.filter((release: { type: string }) => release.type !== 'none')
  return Object.fromEntries(
    released.map((release: { name: string; newVersion: string }) => [release.name, release.newVersion]),
  )
}

describe('a release planned by changesets', () => {
  const all = packageNames.map((short) => `@hookgate/${short}`)
  const { version } = createRequire(import.meta.url)(`${root}packages/core/package.json`)
  const [major, minor, patch] = version.split('.').map(Number)

  it('moves every package to the next minor on a minor of @hookgate/core, not to 1.0.0', async () => {
    const next = `${major}.${minor + 1}.0`
    expect(await plan({ '@hookgate/core': 'minor' })).toEqual(
      Object.fromEntries(all.map((name) => [name, next])),
    )
  })

  it('moves every package to the next patch on a patch of one adapter', async () => {
    const next = `${major}.${minor}.${patch + 1}`
    expect(await plan({ '@hookgate/hono': 'patch' })).toEqual(
      Object.fromEntries(all.map((name) => [name, next])),
    )
  })
})
