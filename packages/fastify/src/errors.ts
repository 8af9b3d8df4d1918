import createError from '@fastify/error'

/** `app.register(hookgate, options)` was given options it cannot work with. */
export const FST_HOOKGATE_INVALID_OPTION = createError<'FST_HOOKGATE_INVALID_OPTION', 500, [string]>(
  'FST_HOOKGATE_INVALID_OPTION',
  '@hookgate/fastify: %s',
  500,
  TypeError,
)

/**
 * `receiver.receive()` threw instead of returning an outcome: a bug or an unexpected failure. The original
 * error is the `cause`; the sender sees only a generic 500 and retries.
 */
export const FST_HOOKGATE_RECEIVE_FAILED = createError(
  'FST_HOOKGATE_RECEIVE_FAILED',
  'The webhook receiver failed while handling a delivery',
  500,
)
