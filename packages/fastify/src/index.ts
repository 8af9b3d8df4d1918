import { hookgate } from './plugin.js'

export { FST_HOOKGATE_INVALID_OPTION, FST_HOOKGATE_RECEIVE_FAILED } from './errors.js'
export type { FastifyHookgateOptions } from './plugin.js'
export { hookgate }
export default hookgate
