import { createHandler } from './middleware.js'
import { errorHandler } from './parser-errors.js'
import { rawBody } from './raw-body.js'

export type { ExpressAdapterOptions } from './middleware.js'
export type { BodyParserVerify } from './raw-body.js'

/**
 * `hookgate(receiver, options?)`: the Express middleware for one receiver.
 * `hookgate.rawBody()`: the `verify` option that keeps the raw bytes when a global parser runs first.
 * `hookgate.errorHandler()`: answers that parser's refusals on the webhook route as hookgate does.
 */
export const hookgate = Object.assign(createHandler, { rawBody, errorHandler })
