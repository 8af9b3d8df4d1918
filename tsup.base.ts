import { defineConfig, type Options } from 'tsup'

/** Every package builds the same way: ESM for Node 20, with declarations and source maps. */
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
