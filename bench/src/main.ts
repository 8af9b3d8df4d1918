/**
 * hookgate against its peers and the physical floor, in one process run, reported as ratios.
 *
 *   pnpm bench                 full run (~10 min on 2 cores): writes bench/results/latest.{json,md}
 *                              and the table in docs/performance.md
 *   pnpm bench -- --quick      same rows, fewer and shorter repetitions (a few minutes)
 *   pnpm bench -- --smoke      seconds: proves every section still runs (CI)
 *   --only micro,http,memory,redis,runtimes   run some sections    --out DIR   write the results there instead
 *   --frameworks hono,express        HTTP rows of some frameworks only
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { httpFrameworks, runHttp } from './http/section.js'
import { machineInfo, packageVersions } from './machine.js'
import { measureReceiverMemory } from './memory/section.js'
import { providers as allProviders } from './micro/providers.js'
import { runMicroSection } from './micro/section.js'
import { profiles } from './profile.js'
import { runRedis } from './redis/section.js'
import { renderMarkdown } from './report.js'
import type { BenchResults, Skipped } from './results.js'
import { runRuntimes } from './runtimes/section.js'
import { evaluateTargets } from './targets.js'

const sectionNames = ['micro', 'memory', 'redis', 'http', 'runtimes'] as const
type Section = (typeof sectionNames)[number]

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    frameworks: { type: 'string' },
  },
})
const profile = profiles[values.smoke ? 'smoke' : values.quick ? 'quick' : 'full']
const only = new Set((values.only ?? sectionNames.join(',')).split(','))
for (const name of only) {
  if (!sectionNames.includes(name as Section)) throw new Error(`--only: unknown section ${name}`)
}
const benchRoot = new URL('../', import.meta.url)
const out =
  values.out ??
  (profile.name === 'full'
    ? new URL('results', benchRoot).pathname
    : join(tmpdir(), `hookgate-bench-${profile.name}`))
const log = (line: string) => process.stderr.write(`${line}\n`)

/** Runs a section when selected, timing it; otherwise records why it did not run. */
async function section<T extends object>(
  name: Section,
  run: () => Promise<T | Skipped>,
): Promise<T | Skipped> {
  if (!only.has(name)) return { skipped: 'left out with --only' }
  const started = performance.now()
  log(`${name}...`)
  const result = await run()
  log(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`)
  return result
}

const started = performance.now()
const machine = machineInfo()
const providers = allProviders()
const partial = {
  schema: 1 as const,
  profile: profile.name,
  startedAt: new Date().toISOString(),
  machine,
  hookgateCode: import.meta.resolve('@hookgate/core').includes('/dist/')
    ? ('dist' as const)
    : ('source' as const),
  versions: packageVersions(),
  micro: await section('micro', () => runMicroSection(profile, providers, log)),
  memory: await section('memory', () => measureReceiverMemory(profile.memoryStoreIds)),
  redis: await section('redis', () => runRedis(profile)),
  http: await section('http', () =>
    runHttp(profile, httpFrameworks(values.frameworks), machine.taskset, log),
  ),
  runtimes: await section('runtimes', () => runRuntimes(profile, log)),
}
const results: BenchResults = {
  ...partial,
  durationSeconds: (performance.now() - started) / 1000,
  targets: evaluateTargets(partial, providers),
}

const markdown = renderMarkdown(results)
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(join(out, 'latest.md'), `${markdown}\n`)
if (profile.name === 'full' && values.out === undefined && only.size === sectionNames.length) {
  updateDocs(markdown)
}
process.stdout.write(`${markdown}\n`)
log(`results: ${join(out, 'latest.json')}`)

/** Replaces the generated part of docs/performance.md, between its two markers, with this run's tables. */
function updateDocs(tables: string): void {
  const file = new URL('../docs/performance.md', benchRoot)
  const begin = '<!-- bench:results:begin -->'
  const end = '<!-- bench:results:end -->'
  const docs = readFileSync(file, 'utf8')
  const from = docs.indexOf(begin)
  const to = docs.indexOf(end)
  if (from < 0 || to < from) throw new Error(`docs/performance.md lacks the ${begin} / ${end} markers`)
  writeFileSync(file, `${docs.slice(0, from + begin.length)}\n${tables}\n${docs.slice(to)}`)
}
