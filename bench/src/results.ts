import type { HttpRow } from './http/section.js'
import type { MachineInfo } from './machine.js'
import type { MemoryReport } from './memory/receiver-memory.js'
import type { MicroResult } from './micro/harness.js'
import type { Profile } from './profile.js'
import type { RedisResults } from './redis/section.js'
import type { RuntimeRow, RuntimeSkipped } from './runtimes/section.js'

/** A section that could not run here (no Redis, or left out with --only), and why. */
export interface Skipped {
  skipped: string
}

/** One target of the issue, as measured in this run. */
export interface TargetResult {
  target: string
  measured: string
  /** undefined: not measured in this run (a section skipped, a size not in the profile). */
  met: boolean | undefined
}

/** Everything one run measured: written as latest.json, rendered as latest.md. */
export interface BenchResults {
  /** Bumped when the shape changes. */
  schema: 1
  profile: Profile['name']
  startedAt: string
  durationSeconds: number
  machine: MachineInfo
  /** Which hookgate code ran: the built packages (what users run) or the TypeScript sources through tsx. */
  hookgateCode: 'dist' | 'source'
  versions: Record<string, string>
  micro: MicroResult[] | Skipped
  http: HttpRow[] | Skipped
  redis: RedisResults | Skipped
  memory: MemoryReport | Skipped
  /** The fetch handler on Node, Bun, Deno, workerd and edge-runtime; absent from runs before it existed. */
  runtimes?: (RuntimeRow | RuntimeSkipped)[] | Skipped
  targets: TargetResult[]
}

export function isSkipped(section: object): section is Skipped {
  return 'skipped' in section
}
