import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests import every @hookgate package from its source, so `pnpm test` needs no build first.
const packages = fileURLToPath(new URL('./packages/', import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@hookgate\/([a-z]+)\/testing$/, replacement: `${packages}$1/src/testing/index.ts` },
      { find: /^@hookgate\/([a-z]+)$/, replacement: `${packages}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
