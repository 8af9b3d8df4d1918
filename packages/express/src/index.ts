import { createHandler } from './middleware.js'
import { rawBody } from './raw-body.js'

export type { ExpressAdapterOptions } from './middleware.js'
export type { BodyParserVerify } from './raw-body.js'

/**
 * `hookgate(receiver, options?)`: the Express middleware for one receiver.
 * `hookgate.rawBody()`: the `verify` option that keeps the raw bytes when a global parser runs first.
 */
export const hookgate = Object.assign(createHandler, { rawBody })
