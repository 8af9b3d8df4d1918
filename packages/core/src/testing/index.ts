// Test helpers for code built on hookgate: `@hookgate/core/testing`. Needs vitest (an optional peer).
export type { StoreContractOptions } from './store-contract.js'
export { describeStoreContract } from './store-contract.js'
