import { makeBody } from '../bodies.js'
import type { Profile } from '../profile.js'
import { floorTasks } from './floor.js'
import { type MicroResult, runMicro } from './harness.js'
import { hookgateTasks } from './hookgate.js'
import { peerTasks } from './peers.js'
import type { BenchProvider } from './providers.js'

/**
 * Every micro row at every size of the profile: the floor, the peers and hookgate side by side in one
 * process. Each size is signed and run on its own, so timestamps are fresh for every library's tolerance.
 */
export async function runMicroSection(
  profile: Profile,
  providers: readonly BenchProvider[],
  log: (line: string) => void,
): Promise<MicroResult[]> {
  const results: MicroResult[] = []
  for (const size of profile.sizes) {
    const started = performance.now()
    const body = makeBody(size)
    const ours = await Promise.all(providers.map((sender) => hookgateTasks(sender, body)))
    try {
      const tasks = [...floorTasks(body), ...(await peerTasks(body)), ...ours.flatMap((o) => o.tasks)]
      results.push(...(await runMicro(tasks, profile)))
    } finally {
      await Promise.all(ours.flatMap((o) => o.receivers).map((receiver) => receiver.close()))
    }
    log(`micro ${size / 1024} KiB: ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }
  return results
}
