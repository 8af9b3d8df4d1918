import type { ChildProcess } from 'node:child_process'
import { makeBody } from '../bodies.js'
import { nextMessage, spawnChild, stopChild } from '../child.js'
import type { Profile } from '../profile.js'
import { median, type Repeated, rotate, summarize } from '../stats.js'
import type { Framework, LoadRequest, LoadResult, RouteName, ServerReady } from './protocol.js'
import { cpuMicros } from './server-cpu.js'

const allFrameworks: readonly Framework[] = ['fastify', 'hono', 'express']

/** The frameworks named in a comma-separated list (all of them when none is given). */
export function httpFrameworks(list: string | undefined): Framework[] {
  if (list === undefined) return [...allFrameworks]
  const names = list.split(',')
  for (const name of names) {
    if (!allFrameworks.includes(name as Framework)) throw new Error(`--frameworks: unknown framework ${name}`)
  }
  return names as Framework[]
}

export interface HttpRow {
  framework: Framework
  route: RouteName
  reqPerSec: Repeated
  p99Ms: Repeated
  /** The server's CPU time per request (all its threads), µs; absent where /proc is missing. */
  cpuMicrosPerRequest?: Repeated
  /** Requests answered with anything but 2xx, or failed, over all repetitions: must be 0. */
  failures: number
  /** req/s as a share of the same framework's bare JSON route, median of per-repetition ratios. */
  shareOfJson: number
  /** p99 over the bare JSON route's p99, median of per-repetition ratios. */
  p99OverJson: number
  /** req/s as a share of the bare raw-body route (the framework's floor). */
  shareOfRaw: number
}

const serverScript = new URL('./server.ts', import.meta.url)
const loadScript = new URL('./load.ts', import.meta.url)

/** Load on core 1, server on core 0, when taskset exists; otherwise both float (and the report says so). */
function cores(pin: boolean) {
  return pin ? { server: 0, load: 1 } : { server: undefined, load: undefined }
}

async function runLoad(load: ChildProcess, request: Omit<LoadRequest, 'kind'>): Promise<LoadResult> {
  const answer = nextMessage<LoadResult>(load)
  load.send({ kind: 'load', ...request } satisfies LoadRequest)
  return answer
}

function failuresOf(result: LoadResult): number {
  return result.non2xx + result.errors
}

/**
 * Every framework in turn: its server in a child on one core, every route warmed up, then
 * `profile.httpReps` alternating repetitions (each rotates the route order), from one load generator
 * pinned to the other core. Shares are computed per repetition against the bare routes of the same
 * repetition, then the median is taken, so slow drift cancels out.
 */
export async function runHttp(
  profile: Profile,
  frameworks: readonly Framework[],
  pin: boolean,
  log: (line: string) => void,
): Promise<HttpRow[]> {
  const body = makeBody(profile.httpBodyBytes).text
  const core = cores(pin)
  const load = spawnChild(loadScript, [], { core: core.load })
  const rows: HttpRow[] = []
  try {
    for (const framework of frameworks) {
      const server = spawnChild(serverScript, [framework], { core: core.server })
      try {
        const ready = await nextMessage<ServerReady>(server)
        const run = async (route: RouteName, seconds: number): Promise<MeasuredLoad> => {
          const cpuBefore = cpuMicros(server.pid)
          const result = await runLoad(load, {
            url: `http://127.0.0.1:${ready.port}/${route}`,
            connections: profile.httpConnections,
            seconds,
            body,
          })
          const cpuAfter = cpuMicros(server.pid)
          const cpu =
            cpuBefore === undefined || cpuAfter === undefined || result.requests === 0
              ? undefined
              : (cpuAfter - cpuBefore) / result.requests
          return { ...result, cpuMicrosPerRequest: cpu }
        }
        if (profile.httpWarmupSeconds > 0) {
          for (const route of ready.routes) await run(route, profile.httpWarmupSeconds)
        }
        const results = new Map<RouteName, MeasuredLoad[]>(ready.routes.map((route) => [route, []]))
        for (let rep = 0; rep < profile.httpReps; rep++) {
          for (const route of rotate(ready.routes, rep)) {
            const result = await run(route, profile.httpSeconds)
            results.get(route)!.push(result)
            log(
              `  ${framework} ${route} rep ${rep + 1}: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99Ms} ms` +
                (failuresOf(result) > 0
                  ? `, ${failuresOf(result)} FAILED (${JSON.stringify(result.statusCodes)})`
                  : ''),
            )
          }
        }
        rows.push(...summarizeFramework(framework, results))
      } finally {
        await stopChild(server)
      }
    }
  } finally {
    await stopChild(load)
  }
  return rows
}

/** A load run and what it cost the server. */
type MeasuredLoad = LoadResult & { cpuMicrosPerRequest: number | undefined }

function summarizeFramework(framework: Framework, results: Map<RouteName, MeasuredLoad[]>): HttpRow[] {
  const json = results.get('bare-json')!
  const raw = results.get('bare-raw')!
  const pairedRatio = (reps: LoadResult[], base: LoadResult[], pick: (r: LoadResult) => number) =>
    median(reps.map((r, i) => pick(r) / pick(base[i]!)))
  return [...results].map(([route, reps]) => ({
    framework,
    route,
    reqPerSec: summarize(reps.map((r) => r.reqPerSec)),
    p99Ms: summarize(reps.map((r) => r.p99Ms)),
    ...cpuOf(reps),
    failures: reps.reduce((sum, r) => sum + failuresOf(r), 0),
    shareOfJson: pairedRatio(reps, json, (r) => r.reqPerSec),
    p99OverJson: pairedRatio(reps, json, (r) => r.p99Ms),
    shareOfRaw: pairedRatio(reps, raw, (r) => r.reqPerSec),
  }))
}

function cpuOf(reps: readonly MeasuredLoad[]): Pick<HttpRow, 'cpuMicrosPerRequest'> {
  const measured = reps.flatMap((r) => (r.cpuMicrosPerRequest === undefined ? [] : [r.cpuMicrosPerRequest]))
  return measured.length === reps.length ? { cpuMicrosPerRequest: summarize(measured) } : {}
}
