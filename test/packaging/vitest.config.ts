import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The packed-tarball checks (`*.e2e.ts`, which `pnpm test` does not pick up): they need `pnpm build` first and
// the npm registry. `pnpm test:packaging` runs them; CI does, right after the build.
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['test/packaging/**/*.e2e.ts'],
    testTimeout: 60_000,
  },
})
