/**
 * Child process (run with --expose-gc): how many bytes a receiver's memory store needs per remembered id.
 * Drives the real path, `receive()` with the defaults (memory store, memory queue, a no-op handler), so
 * whatever the receiver keeps per delivery (the key, the payload hash, the LRU's slots, anything leaked by
 * the dispatcher) is counted. Heap and off-heap (the LRU's typed arrays) are measured from before the store
 * exists, so its preallocated slots count too.
 */
import { createReceiver, memoryStore, standardWebhooks } from '@hookgate/core'
import { standardWebhooksHeaders } from '../http/sign.js'
import { secrets } from '../secrets.js'

export interface MemoryReport {
  ids: number
  /** (heap used + off-heap) growth per remembered id, bytes. */
  bytesPerId: number
  heapBytesPerId: number
  rssBytesPerId: number
  heapUsedMiB: number
  rssMiB: number
}

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function fullGc(): NodeJS.MemoryUsage {
  gc!()
  gc!()
  return process.memoryUsage()
}

const ids = Number(process.argv[2])
const body = Buffer.from('{"type":"invoice.paid","data":{}}')
const text = body.toString()
const provider = standardWebhooks({ secret: secrets.standardWebhooks })
let handled = 0

const before = fullGc()
const receiver = createReceiver({ provider, store: memoryStore({ max: ids }) }).on('*', () => {
  handled++
})
for (let i = 0; i < ids; i++) {
  const outcome = await receiver.receive({ method: 'POST', headers: standardWebhooksHeaders(text), body })
  if (outcome.status !== 202) throw new Error(`delivery ${i}: ${outcome.status} ${outcome.body}`)
}
// Every handler has run, so every claim is completed: the ids are remembered, not in progress.
for (let spins = 0; handled < ids && spins < 10_000; spins++) await settle()
if (handled < ids) throw new Error(`only ${handled} of ${ids} handlers ran`)
const after = fullGc()

const offHeap = (m: NodeJS.MemoryUsage) => m.external
const heapGrowth = after.heapUsed - before.heapUsed
process.send!({
  ids,
  bytesPerId: (heapGrowth + offHeap(after) - offHeap(before)) / ids,
  heapBytesPerId: heapGrowth / ids,
  rssBytesPerId: (after.rss - before.rss) / ids,
  heapUsedMiB: after.heapUsed / 2 ** 20,
  rssMiB: after.rss / 2 ** 20,
} satisfies MemoryReport)
// The receiver stays referenced until here, so its store was alive when measured.
await receiver.close()
process.disconnect()
