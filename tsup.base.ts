import { defineConfig, type Options } from 'tsup'

/**
 * Every package builds the same way: ESM for Node 20, with declarations and source maps. The maps name
 * `src/` files, which every package ships (`files` in its package.json) so stack traces and debuggers
 * point at sources that exist in node_modules.
 */
export const library = (overrides: Options = {}) =>
  defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    dts: true,
    clean: true,
    sourcemap: true,
    ...overrides,
  })
