import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BuildOptions, build } from 'esbuild'
import { secrets } from '../secrets.js'

/** runtimes/app.ts bundled for the browser platform, from the built packages (dist, as the bench runs them). */
export interface BenchBundle {
  /** ESM, `export default { fetch }`: what workerd, Bun, Deno and Node load. */
  modulePath: string
  /** The same app as a script defining `globalThis[globalName]`, for edge-runtime (no import or export). */
  script: string
  globalName: string
  dir: string
  dispose(): void
}

const globalName = '__hookgateBenchApp'

export async function bundleBenchApp(): Promise<BenchBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'hookgate-bench-runtimes-'))
  const common: BuildOptions = {
    entryPoints: [new URL('./app.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { BENCH_STANDARD_WEBHOOKS_SECRET: JSON.stringify(secrets.standardWebhooks) },
    logLevel: 'silent',
  }
  const modulePath = join(dir, 'app.mjs')
  await build({ ...common, format: 'esm', outfile: modulePath })
  const iife = await build({ ...common, format: 'iife', globalName, write: false })
  return {
    modulePath,
    script: iife.outputFiles?.[0]?.text ?? '',
    globalName,
    dir,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}
