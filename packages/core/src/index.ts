// What an app uses. The path of a delivery, stage by stage with its folder, is docs/architecture.md;
// what adapters are built from is `@hookgate/core/adapter` (adapter/index.ts).

export type {
  AttemptResult,
  ConsumeOptions,
  DeadLetter,
  HandoffQueue,
  Job,
  JobTrace,
  QueueFull,
  QueueLimits,
} from './dispatch/queue.js'
export { deadLetterListLimit } from './dispatch/queue.js'
export type { Duration } from './duration.js'
export { toMs } from './duration.js'
export type { RejectionCode, VerificationErrorCode } from './errors.js'
export {
  ClaimLostError,
  HandlerFailedError,
  InvalidOrderingError,
  isWebhookVerificationError,
  OrderKeyBusyError,
  OrderKeyLostError,
  PayloadValidationError,
  rejectionStatus,
  StoreUnavailableError,
  WebhookVerificationError,
} from './errors.js'
export type { WebhookEvent } from './event.js'
export type { Outcome, OutcomeCode, ReceiveOptions, WebhookEndpoint } from './outcome/outcome.js'
export * from './receiver/index.js'
export type { HeaderMap, HeadersLike, RawBody, RawRequest } from './request.js'
export { readHeaders } from './request.js'
export * from './schemes/index.js'
export type {
  CommonProviderOptions,
  Provider,
  ProviderReply,
  SignedRequest,
  SignInput,
  VerifiedRequest,
} from './schemes/scheme.js'
export { verifyWebhook } from './schemes/scheme.js'
export type {
  ClaimOptions,
  ClaimResult,
  ClaimStatus,
  IdempotencyStore,
  OrderHold,
} from './store/store.js'
