// What npm shows and resolves for each package, read from the sources (the packed tarballs are checked by
// packed.e2e.ts): complete metadata, exports that require() can load, a README, and no doc sending users to
// an unscoped `hookgate` package that is not ours.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageNames, root } from './pack.js'

const read = (path: string) => readFileSync(join(root, path), 'utf8')
const workspace = JSON.parse(read('package.json'))
const repository = workspace.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')

/** The docs page each package's README links to. */
const docsPage: Record<string, string> = {
  core: 'docs/guide.md',
  express: 'docs/express.md',
  fastify: 'docs/fastify.md',
  fetch: 'docs/frameworks/README.md',
  guard: 'docs/bursts-floods-ordering.md',
  hono: 'docs/hono.md',
  node: 'docs/frameworks/README.md',
  otel: 'docs/observability.md',
  redis: 'docs/redis.md',
  cli: 'docs/guide.md',
}

describe.each(packageNames)('@hookgate/%s', (short) => {
  const manifest = JSON.parse(read(`packages/${short}/package.json`))

  it('has complete npm metadata', () => {
    expect(manifest).toMatchObject({
      description: expect.any(String),
      keywords: expect.arrayContaining(['webhooks']),
      homepage: `${repository}/tree/main/packages/${short}#readme`,
      bugs: `${repository}/issues`,
      repository: { type: 'git', url: workspace.repository.url, directory: `packages/${short}` },
      license: 'MIT',
      engines: workspace.engines,
      sideEffects: false,
    })
  })

  it('exports every entry with types first and a default condition, which import and require() both take', () => {
    const entries = Object.entries(manifest.exports).filter(([, target]) => typeof target === 'object')
    for (const [subpath, target] of entries) {
      expect(Object.keys(target as object), subpath).toEqual(['types', 'default'])
    }
  })

  it('ships its sources, which its source maps name', () => {
    expect(manifest.files).toEqual(['dist', 'src'])
  })

  it('has a README saying how to install it, with an example and a link to its docs page', () => {
    const readme = read(`packages/${short}/README.md`)
    expect(readme).toMatch(new RegExp(`^npm install [^\\n]*${manifest.name}\\b`, 'm'))
    expect(readme).toMatch(/^```(ts|sh)$/m)
    expect(readme).toContain(`](${repository}/blob/main/${docsPage[short]})`)
    expect(existsSync(join(root, docsPage[short]!))).toBe(true)
  })
})

describe('the CLI', () => {
  const manifest = JSON.parse(read('packages/cli/package.json'))

  it('takes @hookgate/redis as an optional peer and imposes no ioredis', () => {
    expect(manifest.dependencies).not.toHaveProperty('@hookgate/redis')
    expect(manifest.dependencies).not.toHaveProperty('ioredis')
    expect(manifest.peerDependencies).not.toHaveProperty('ioredis')
    expect(manifest.peerDependenciesMeta).toEqual({ '@hookgate/redis': { optional: true } })
  })
})

describe('changesets', () => {
  it('versions every package in one fixed group, published publicly', () => {
    const config = JSON.parse(read('.changeset/config.json'))
    const names = packageNames.map((short) => `@hookgate/${short}`)
    expect(config.fixed.map((group: string[]) => [...group].sort())).toEqual([names.sort()])
    expect(config.access).toBe('public')
  })
})

describe('the docs', () => {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' }).map((path) => `docs/${path}`),
    ...packageNames.map((short) => `packages/${short}/README.md`),
    ...readdirSync(join(root, 'packages/cli/src'), { recursive: true, encoding: 'utf8' }).map(
      (path) => `packages/cli/src/${path}`,
    ),
  ].filter((path) => /\.(md|ts)$/.test(path))

  it('run the CLI as `npx @hookgate/cli`: the unscoped `hookgate` on the registry is anyone’s', () => {
    const unscoped = files.filter((path) => /\bnpx\s+hookgate\b/.test(read(path)))
    expect(unscoped).toEqual([])
  })

  it('ship a LICENSE at the root, which pnpm pack adds to every tarball', () => {
    expect(read('LICENSE')).toMatch(/^MIT License/)
  })
})
