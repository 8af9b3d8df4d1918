import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times (100 on every common Linux). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/**
 * CPU time a process has used so far (user + system, all its threads: V8's GC and compiler threads
 * included), in µs; undefined where /proc is missing (not Linux). Read around a load run, it gives the
 * server's cost per request, which the load generator's speed does not skew as it can skew req/s.
 */
export function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / ticksPerSecond
  } catch {
    return undefined
  }
}
