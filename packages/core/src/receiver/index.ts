// createReceiver and what it is built from: the memory store, the memory queue, the dispatcher.
export type { MemoryStoreOptions } from '../store/memory-store.js'
export { memoryStore } from '../store/memory-store.js'
