import { nextMessage, spawnChild, stopChild } from '../child.js'
import type { MemoryReport } from './receiver-memory.js'

const script = new URL('./receiver-memory.ts', import.meta.url)

/** The receiver's memory per remembered id, measured in a fresh child process (--expose-gc). */
export async function measureReceiverMemory(ids: number): Promise<MemoryReport> {
  const child = spawnChild(script, [String(ids)], { nodeFlags: ['--expose-gc'] })
  try {
    return await nextMessage<MemoryReport>(child)
  } finally {
    await stopChild(child)
  }
}
