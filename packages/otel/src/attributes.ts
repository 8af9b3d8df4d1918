/**
 * The attribute names this package records. Those of the OpenTelemetry semantic conventions (HTTP,
 * messaging, errors) are spelt here rather than imported, so the package needs `@opentelemetry/api`
 * only; the tests check them against `@opentelemetry/semantic-conventions`. `hookgate.*` are its own.
 */
export const attr = {
  httpMethod: 'http.request.method',
  httpStatus: 'http.response.status_code',
  errorType: 'error.type',
  messagingSystem: 'messaging.system',
  messagingOperationType: 'messaging.operation.type',
  messagingOperationName: 'messaging.operation.name',
  messagingDestination: 'messaging.destination.name',
  messagingMessageId: 'messaging.message.id',
  provider: 'hookgate.provider',
  type: 'hookgate.event.type',
  code: 'hookgate.outcome.code',
  attempt: 'hookgate.attempt',
  result: 'hookgate.attempt.result',
  handler: 'hookgate.handler',
  failedHandlers: 'hookgate.failed_handlers',
  delay: 'hookgate.retry.delay_ms',
  version: 'hookgate.order.version',
  lastVersion: 'hookgate.order.last_version',
  alert: 'hookgate.alert',
} as const

/** `messaging.system`: no registered value fits a webhook receiver's own queue. */
export const messagingSystem = 'hookgate'

/** The instrumentation scope of every tracer and meter. */
export const scope = '@hookgate/otel'
