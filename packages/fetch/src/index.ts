export type { FetchHandler } from './handler.js'
export { hookgate } from './handler.js'
export type { FetchAdapterOptions } from './options.js'
