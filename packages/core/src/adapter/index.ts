// `@hookgate/core/adapter`: what the framework adapters (@hookgate/express, hono, fastify) share, and what
// a new adapter is built from: reading a body under limits, the answer to a refused one, and resolving the
// public URL. Framework-free, runtime-free. An app needs none of it: it uses `@hookgate/core`.

export { rejectionOutcome } from '../outcome/outcome.js'
export { toBytes } from '../request.js'
export type { BodyReadResult, BodyRefusal, ReadBodyLimits } from './body-read.js'
export type { LingeringResponse } from './lingering-body.js'
export { lingeringBody } from './lingering-body.js'
export type { NodeIncoming, NodeRequestBodyOptions } from './node-incoming.js'
export { headerPairs, isNodeIncoming, readNodeRequestBody } from './node-incoming.js'
export type { NodeReadable } from './node-readable.js'
export type { AdapterOptions } from './options.js'
export { adapterDefaults, bodyTimeoutMs } from './options.js'
export type { PublicUrlOptions, RequestLocation } from './public-url.js'
export { resolvePublicUrl } from './public-url.js'
export { readBody } from './read-body.js'
export type { WebRequestBody } from './read-web-request.js'
export { readWebRequestBody } from './read-web-request.js'
export type { RequestBodyOptions } from './request-body.js'
export { urlLocation } from './url-location.js'
