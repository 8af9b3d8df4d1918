// The packages as npm users get them: packed by pnpm (as `pnpm publish` would pack them), checked by publint
// and attw, then installed with npm, not pnpm, into a new app that runs the README quick start and loads
// every package with require(). Needs `pnpm build` first, and the npm registry. Every command is bounded in
// time, so an install that spins fails its step instead of hanging CI.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readmeBlock } from '../cli/readme.js'
import { type Packed, packAll, packageNames, peersOf, root, specifiersOf } from './pack.js'
import { cleanEnv, run, start } from './support.js'

const scratch = mkdtempSync(join(tmpdir(), 'hookgate-packaging-'))
let packed: Packed[] = []
const find = (short: string) => packed.find((candidate) => candidate.short === short)!

beforeAll(async () => {
  packed = await packAll(join(scratch, 'tarballs'))
}, 180_000)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const bin = (name: string) => join(root, 'node_modules', '.bin', name)

describe.concurrent.each(packageNames)('the @hookgate/%s tarball', (short) => {
  it('ships LICENSE and README.md', () => {
    for (const file of ['LICENSE', 'README.md'])
      expect(existsSync(join(find(short).dir, file)), file).toBe(true)
  })

  it('ships every source its source maps name', () => {
    const { dir } = find(short)
    const maps = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) =>
      path.endsWith('.map'),
    )
    const unresolved = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[] }
      const inPackage = sources.map((source) => resolve(dir, dirname(map), source))
      return inPackage.filter((path) => !existsSync(path)).map((path) => `${map} -> ${relative(dir, path)}`)
    })
    expect(unresolved).toEqual([])
  })

  it('passes publint', async () => {
    await run(bin('publint'), ['run', find(short).tarball, '--strict'], { cwd: root, timeout: 60_000 })
  })

  // ESM with a `default` condition, so require() works on Node >= 20.19. The node16 profile checks import
  // and require resolution but not node10 (which reads no `exports`, and sees no subpath). cjs-resolves-
  // to-esm is the one rule left out: attw's bundled TypeScript (5.6) predates require() of ESM, which
  // TypeScript >= 5.8 allows under `module: nodenext`, as the .cts compiled below shows.
  it('passes attw for import and require', async () => {
    const args = ['--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm', '--no-definitely-typed']
    await run(bin('attw'), [...args, '--format', 'ascii', find(short).tarball], {
      cwd: root,
      timeout: 60_000,
    })
  })
})

describe('installed with npm into a new app', () => {
  const app = join(scratch, 'app')
  const secret = 'whsec_packaging'
  const inApp = (timeout: number, extra: { env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}) => ({
    cwd: app,
    timeout,
    ...extra,
  })
  const npmInstall = (args: string[], timeout: number) =>
    run('npm', ['install', '--no-audit', '--no-fund', ...args], inApp(timeout))
  const cli = (args: string[], extra: { env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}) =>
    run('npx', ['@hookgate/cli', ...args], inApp(30_000, extra))
  const withoutRedis = () => packed.filter(({ short }) => short !== 'redis')

  beforeAll(() => {
    cpSync(join(root, 'test/packaging/app'), app, { recursive: true })
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
  })

  it('installs every package but @hookgate/redis, with the newest peers their ranges allow', async () => {
    const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const types = ['@types/express', '@types/node'].map((name) => `${name}@${devDependencies[name]}`)
    const packages = withoutRedis()
    await npmInstall([...packages.map(({ tarball }) => tarball), ...peersOf(packages), ...types], 180_000)
  }, 200_000)

  it('lets the CLI live with any ioredis (it has none of its own)', async () => {
    await npmInstall(['--dry-run', 'ioredis@4'], 60_000)
  })

  it('has dlq say what to install while @hookgate/redis is missing', async () => {
    const { code, stderr } = await cli(['dlq', 'list'], { allowFailure: true })
    expect({ code, stderr }).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('npm install @hookgate/redis ioredis'),
    })
  })

  it('adds @hookgate/redis with the newest ioredis its peer range allows, which dlq then loads', async () => {
    const redis = [find('redis')]
    await npmInstall([...redis.map(({ tarball }) => tarball), ...peersOf(redis)], 120_000)
    // Nothing listens on port 1: reaching the connection attempt shows both packages loaded.
    const { stderr } = await cli(['dlq', 'list', '--redis', 'redis://127.0.0.1:1'], { allowFailure: true })
    expect(stderr).toContain('can not reach Redis at redis://127.0.0.1:1')
  })

  it('typechecks the README quick start (ESM) and a CommonJS .cts with tsc, module NodeNext', async () => {
    // The README's block leaves listening to examples/express; here the app takes a free port and says which.
    const listen = `
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (typeof address === 'object' && address) console.log(\`listening on \${address.port}\`)
})
`
    writeFileSync(join(app, 'quickstart.ts'), `${readmeBlock('Quick start', 'ts')}\n${listen}`)
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], inApp(120_000))
  }, 130_000)

  it('runs the README quick start: an Express receiver handles one signed Stripe delivery', async () => {
    const server = start('node', ['quickstart.js'], {
      cwd: app,
      env: cleanEnv({ STRIPE_WEBHOOK_SECRET: secret }),
    })
    try {
      const [, port] = await server.waitFor(/listening on (\d+)/, 15_000)
      const url = `http://127.0.0.1:${port}/webhooks/stripe`
      await cli(['send', url, '--provider', 'stripe', '--type', 'invoice.paid'], {
        env: cleanEnv({ HOOKGATE_SECRET: secret }),
      })
      await server.waitFor(/handled invoice\.paid evt_/, 10_000)
    } finally {
      server.stop()
    }
  })

  it('loads every export of every package with require()', async () => {
    const { stdout } = await run('node', ['load.cjs', ...specifiersOf(packed)], inApp(30_000))
    const loaded = JSON.parse(stdout) as Record<string, { exports?: number; message?: string }>
    // The app installs no optional peer: an export may fail to load only for want of one (vitest, for
    // @hookgate/core/testing, which belongs in a test run), never for its own exports or format.
    const failures = Object.entries(loaded).filter(([specifier, result]) => {
      if (result.exports) return false
      const { manifest } = packed.find(({ manifest: { name } }) => `${specifier}/`.startsWith(`${name}/`))!
      const optional = Object.keys(manifest.peerDependenciesMeta ?? {})
      return !optional.some((peer) => result.message?.includes(`Cannot find package '${peer}'`))
    })
    expect(failures).toEqual([])
  })

  it('runs the compiled .cts', async () => {
    const { stdout } = await run('node', ['types.cjs'], inApp(30_000))
    expect(JSON.parse(stdout)).toEqual({
      express: 'function',
      fastify: 'function',
      fetch: 'function',
      guard: 'function',
      hono: 'function',
      node: 'function',
      otel: 'function',
      redis: 'function',
      cli: 'function',
      adapter: 'function',
      testing: 'undefined',
    })
  })
})
