export type { HonoAdapterOptions, HookgateEnv, WebhookVariables } from './middleware.js'
export { createHandler as hookgate, sendOutcome } from './middleware.js'
