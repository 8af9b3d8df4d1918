import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild'
import { packAll, root } from '../../packaging/pack.js'

/** The runtime tests' app (fixtures/entry.ts), bundled from the packed packages. */
export interface BundledApp {
  /** The ESM bundle (`export default { fetch }`): what workerd, Bun, Deno and Node load. */
  modulePath: string
  /** The same app as a script (no import or export) defining `globalThis[globalName]`, for edge-runtime. */
  script: string
  globalName: string
  /** Every file the ESM bundle was built from, relative to `dir`. */
  inputs: string[]
  /** Every import the ESM bundle left to the runtime (none is expected). */
  imports: string[]
  /** The temporary folder holding the tarballs, their install and the bundles. */
  dir: string
  dispose(): void
}

const entry = join(root, 'test/runtimes/fixtures/entry.ts')
const globalName = '__hookgateRuntimesApp'

/**
 * Packs core and fetch (`pnpm pack`, as published), installs the tarballs into a temporary node_modules and
 * bundles the app from there with esbuild for the browser platform, as a Workers or edge deploy does: no
 * `node:*` module, `Buffer` or `process` shim is supplied, so a use of one fails the runtime that loads it.
 */
export async function bundleApp(): Promise<BundledApp> {
  const dir = mkdtempSync(join(tmpdir(), 'hookgate-runtimes-'))
  try {
    const packed = await packAll(join(dir, 'packs'), ['core', 'fetch'])
    const modules = join(dir, 'node_modules')
    mkdirSync(join(modules, '@hookgate'), { recursive: true })
    for (const { short, dir: unpacked } of packed) symlinkSync(unpacked, join(modules, '@hookgate', short))
    // Core's one runtime dependency, at the version the workspace installed.
    symlinkSync(realpathSync(join(root, 'packages/core/node_modules/lru-cache')), join(modules, 'lru-cache'))

    const common: BuildOptions = {
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      absWorkingDir: dir,
      plugins: [fromPackedPackages(dir)],
      logLevel: 'silent',
    }
    const modulePath = join(dir, 'app.mjs')
    const esm = await build({ ...common, format: 'esm', outfile: modulePath, metafile: true })
    const iife = await build({ ...common, format: 'iife', globalName, write: false })
    return {
      modulePath,
      script: iife.outputFiles?.[0]?.text ?? '',
      globalName,
      inputs: Object.keys(esm.metafile?.inputs ?? {}),
      imports: importsOf(esm.metafile),
      dir,
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/** `@hookgate/*` from the tarballs' install in `dir`, never from the workspace (its sources or dist). */
function fromPackedPackages(dir: string): Plugin {
  return {
    name: 'hookgate-from-packed-packages',
    setup(builder) {
      builder.onResolve({ filter: /^@hookgate\// }, (args) =>
        args.resolveDir === dir
          ? undefined
          : builder.resolve(args.path, { kind: args.kind, resolveDir: dir }),
      )
    },
  }
}

function importsOf(metafile: Metafile | undefined): string[] {
  return Object.values(metafile?.outputs ?? {}).flatMap((output) =>
    output.imports.map((imported) => imported.path),
  )
}
