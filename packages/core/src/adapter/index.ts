// What the framework adapters (@hookgate/express, hono, fastify) share: reading a body under limits and
// resolving the public URL. Framework-free, runtime-free.
export type { AdapterOptions } from './options.js'
export { bodyTimeoutMs } from './options.js'
export type { PublicUrlOptions, RequestLocation } from './public-url.js'
export { resolvePublicUrl } from './public-url.js'
export type { BodyReadResult, NodeReadable, ReadBodyLimits } from './read-body.js'
export { readBody } from './read-body.js'
