// Memory growth across many requests, measured after full garbage collections so only what stays counts.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

async function collect(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return process.memoryUsage()
}

export interface Growth {
  /** V8 heap plus memory outside it (Buffers), bytes. */
  heapAndExternal: number
  rss: number
}

/** Runs `work` `warmup` times, then `runs` times, and returns what memory grew by over the measured runs. */
export async function measureGrowth(
  work: () => Promise<void>,
  { warmup, runs }: { warmup: number; runs: number },
): Promise<Growth> {
  for (let i = 0; i < warmup; i++) await work()
  const before = await collect()
  for (let i = 0; i < runs; i++) await work()
  const after = await collect()
  return {
    heapAndExternal: after.heapUsed + after.external - (before.heapUsed + before.external),
    rss: after.rss - before.rss,
  }
}
