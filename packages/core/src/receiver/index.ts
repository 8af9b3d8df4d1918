// createReceiver and what it is built from: the memory store, the memory queue, the dispatcher.
export type { RetryOptions } from '../dispatch/backoff.js'
export type { MemoryQueueOptions } from '../dispatch/memory-queue.js'
export { memoryQueue } from '../dispatch/memory-queue.js'
export type { OrderingOptions } from '../handlers/ordering.js'
export type {
  DeadLetterHandler,
  HandledType,
  HandlerContext,
  HandlerOptions,
  WebhookHandler,
} from '../handlers/registry.js'
export type {
  AttemptInfo,
  ClaimLostInfo,
  DeadLetteredInfo,
  IgnoredInfo,
  Logger,
  ReceivedInfo,
  ReceiverHooks,
  RejectedInfo,
  RetryInfo,
  StaleInfo,
  WorkerFailedInfo,
} from '../observe/hooks.js'
export type { Instrumentation, ObservedReceiver, Observer } from '../observe/instrumentation.js'
export type { InferPayload, PayloadIssue, PayloadSchema } from '../schema/standard-schema.js'
export type { MemoryStoreOptions } from '../store/memory-store.js'
export { memoryStore } from '../store/memory-store.js'
export type { DeadLetters } from './dead-letters.js'
export { receiverDefaults } from './defaults.js'
export type { Guard, GuardRequest } from './guards.js'
export type { ReceiverOptions } from './options.js'
export type { Receiver } from './receiver.js'
export { createReceiver } from './receiver.js'
export type { ReceiverHealth, Worker, WorkerStatus } from './worker.js'
