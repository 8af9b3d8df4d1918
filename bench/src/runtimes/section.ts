import { makeBody } from '../bodies.js'
import { nextMessage, spawnChild, stopChild } from '../child.js'
import type { LoadRequest, LoadResult } from '../http/protocol.js'
import type { Profile } from '../profile.js'
import { median, type Repeated, rotate, summarize } from '../stats.js'
import { type BenchBundle, bundleBenchApp } from './bundle.js'
import { type BenchRuntime, benchRuntimes } from './servers.js'

/** One runtime: the fetch handler's requests/s against the same runtime's bare route. */
export interface RuntimeRow {
  runtime: string
  version: string
  bareReqPerSec: Repeated
  hookgateReqPerSec: Repeated
  hookgateP99Ms: Repeated
  /** hookgate's req/s over the bare route's, median of per-repetition ratios. */
  share: number
  /** Requests answered with anything but 2xx, or failed, over every repetition: must be 0. */
  failures: number
}

/** A runtime not installed here, and why its row is missing. */
export interface RuntimeSkipped {
  runtime: string
  skipped: string
}

const routes = ['bare', 'hookgate'] as const
const loadScript = new URL('../http/load.ts', import.meta.url)
/** Seconds of load per route and repetition: a few seconds per runtime in all, whatever the profile. */
const maxSeconds = 1.5

/**
 * Every runtime in turn on the same bundle (runtimes/app.ts), loaded by the HTTP section's generator with a
 * new signed Standard Webhooks delivery per request; the two routes alternate, rotating each repetition.
 * Neither side is pinned to a core: workerd is Miniflare's child, Node and edge-runtime run here.
 */
export async function runRuntimes(
  profile: Profile,
  log: (line: string) => void,
): Promise<(RuntimeRow | RuntimeSkipped)[]> {
  const bundle = await bundleBenchApp()
  const load = spawnChild(loadScript, [])
  const body = makeBody(profile.httpBodyBytes).text
  const seconds = Math.min(profile.httpSeconds, maxSeconds)
  const run: Run = {
    bundle,
    seconds,
    warmupSeconds: Math.min(profile.httpWarmupSeconds, 1),
    reps: profile.httpReps,
    log,
    load(url, duration) {
      const answer = nextMessage<LoadResult>(load)
      const request: LoadRequest = {
        kind: 'load',
        url,
        connections: profile.httpConnections,
        seconds: duration,
        body,
      }
      load.send(request)
      return answer
    },
  }
  const rows: (RuntimeRow | RuntimeSkipped)[] = []
  try {
    for (const runtime of benchRuntimes) {
      const version = runtime.version()
      rows.push(
        version === undefined
          ? { runtime: runtime.name, skipped: 'not installed' }
          : await measure(runtime, version, run),
      )
    }
  } finally {
    await stopChild(load)
    bundle.dispose()
  }
  return rows
}

/** What every runtime's measurement shares. */
interface Run {
  bundle: BenchBundle
  seconds: number
  warmupSeconds: number
  reps: number
  log: (line: string) => void
  load(url: string, seconds: number): Promise<LoadResult>
}

async function measure(runtime: BenchRuntime, version: string, run: Run): Promise<RuntimeRow> {
  const server = await runtime.start(run.bundle)
  try {
    if (run.warmupSeconds > 0) {
      for (const route of routes) await run.load(`${server.url}/${route}`, run.warmupSeconds)
    }
    const results: Record<(typeof routes)[number], LoadResult[]> = { bare: [], hookgate: [] }
    for (let rep = 0; rep < run.reps; rep++) {
      for (const route of rotate(routes, rep)) {
        const result = await run.load(`${server.url}/${route}`, run.seconds)
        results[route].push(result)
        const failed = result.non2xx + result.errors
        run.log(
          `  ${runtime.name} ${route} rep ${rep + 1}: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99Ms} ms` +
            (failed > 0 ? `, ${failed} FAILED (${JSON.stringify(result.statusCodes)})` : ''),
        )
      }
    }
    const { bare, hookgate } = results
    return {
      runtime: runtime.name,
      version,
      bareReqPerSec: summarize(bare.map((r) => r.reqPerSec)),
      hookgateReqPerSec: summarize(hookgate.map((r) => r.reqPerSec)),
      hookgateP99Ms: summarize(hookgate.map((r) => r.p99Ms)),
      share: median(hookgate.map((r, i) => r.reqPerSec / bare[i]!.reqPerSec)),
      failures: [...bare, ...hookgate].reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    }
  } finally {
    await server.stop()
  }
}
