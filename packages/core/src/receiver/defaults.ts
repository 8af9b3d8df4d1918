import { retryDefaults } from '../dispatch/backoff.js'
import { memoryQueue } from '../dispatch/memory-queue.js'
import { consoleWarnings } from '../observe/hooks.js'
import { memoryStore } from '../store/memory-store.js'

/**
 * Every `createReceiver` option's default, in one place: `resolveOptions` takes them from here, and the
 * table of options in docs/guide.md is tested against this object (test/docs/receiver-defaults.test.ts),
 * so neither can drift from the code. It has an entry for every option (a type test checks that).
 *
 * `undefined` marks an option without a fixed default: `provider` is required, `dedupWindow` defaults to
 * the provider's `retryHorizon`, and `ordering`, `key`, `namespace`, `hooks` and `guards` do nothing until given. The
 * store and the queue are factories, called once per receiver.
 */
export const receiverDefaults = {
  provider: undefined,
  store: memoryStore,
  queue: memoryQueue,
  dedupWindow: undefined,
  lease: '1m',
  ack: 'queued',
  retry: retryDefaults,
  concurrency: 16,
  maxPending: { memory: 1_000, durable: 100_000 },
  ordering: undefined,
  key: undefined,
  tenant: undefined,
  namespace: undefined,
  invalidPayload: 'reject',
  unknownType: 'ignore',
  storeFailure: 'reject',
  storeTimeout: '2s',
  logger: consoleWarnings,
  hooks: undefined,
  guards: undefined,
} as const
