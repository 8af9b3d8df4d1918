import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run } from './support.js'

export const root = fileURLToPath(new URL('../../', import.meta.url))

/** The `packages/*` folders, by their short name (`core`, `express`, ...). */
export const packageNames = readdirSync(join(root, 'packages')).filter((name) =>
  statSync(join(root, 'packages', name, 'package.json'), { throwIfNoEntry: false })?.isFile(),
)

export interface Manifest {
  name: string
  exports: Record<string, unknown>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

export interface Packed {
  short: string
  tarball: string
  /** The tarball unpacked: exactly what npm installs. */
  dir: string
  /** Its package.json as packed, with `workspace:` ranges rewritten. */
  manifest: Manifest
}

/**
 * Packs every package (or those of `shorts`: test/runtimes packs core and fetch only) with `pnpm pack`
 * (which rewrites `workspace:` ranges and adds the workspace LICENSE, as `pnpm publish` does) into
 * `destination`, and unpacks each tarball next to it.
 */
export async function packAll(
  destination: string,
  shorts: readonly string[] = packageNames,
): Promise<Packed[]> {
  for (const short of shorts) assertBuilt(short)
  const filters = shorts.flatMap((short) => ['--filter', `./packages/${short}`])
  const { stdout } = await run(
    'pnpm',
    ['-r', ...filters, 'pack', '--pack-destination', destination, '--json'],
    { cwd: root, timeout: 120_000 },
  )
  // One package packed prints its object alone, not in an array.
  const tarballs = [JSON.parse(stdout)].flat() as { name: string; filename: string }[]
  return Promise.all(
    tarballs.map(async ({ name, filename }) => {
      const short = name.replace('@hookgate/', '')
      const dir = join(destination, 'unpacked', short)
      mkdirSync(dir, { recursive: true })
      await run('tar', ['-xzf', filename, '-C', dir, '--strip-components=1'], { cwd: root, timeout: 30_000 })
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
      return { short, tarball: filename, dir, manifest }
    }),
  )
}

/** Packing ships whatever `dist` holds: refuse a missing one, or one older than a source file. */
function assertBuilt(short: string): void {
  const dir = join(root, 'packages', short)
  const built = statSync(join(dir, 'dist', 'index.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0
  const newer = readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' }).find((path) => {
    const stat = statSync(join(dir, 'src', path))
    return stat.isFile() && stat.mtimeMs > built
  })
  if (newer !== undefined) {
    throw new Error(`packages/${short}/dist is missing or older than src/${newer}: run pnpm build first`)
  }
}

/**
 * What the app installs next to these packages: every required peer at its declared range, so npm picks the
 * newest version each range allows (the newest major a package claims to support). Optional peers (vitest
 * for `@hookgate/core/testing`) and the hookgate packages themselves are left out.
 */
export function peersOf(packages: readonly Packed[]): string[] {
  const peers = new Map<string, string>()
  for (const { manifest } of packages) {
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
      if (!name.startsWith('@hookgate/') && !manifest.peerDependenciesMeta?.[name]?.optional)
        peers.set(name, range)
    }
  }
  return [...peers].map(([name, range]) => `${name}@${range}`)
}

/** Every specifier an app can import: `@hookgate/core`, `@hookgate/core/testing`, ... */
export function specifiersOf(packages: readonly Packed[]): string[] {
  return packages.flatMap(({ manifest }) =>
    Object.keys(manifest.exports).map((subpath) => `${manifest.name}${subpath.slice(1)}`),
  )
}
