import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests import every @hookgate package from its source, so `pnpm test` needs no build first.
const packages = fileURLToPath(new URL('./packages/', import.meta.url))

// HOOKGATE_IOREDIS=6 runs the tests on ioredis 6 (the `ioredis6` devDependency alias of @hookgate/redis):
// every `ioredis` import, the sources' and the tests', loads it instead, and so do the child processes
// the tests start (through NODE_OPTIONS, which they inherit).
const onIoredis6 = process.env.HOOKGATE_IOREDIS === '6'
const ioredis6 = onIoredis6
  ? [{ find: /^ioredis$/, replacement: createRequire(`${packages}redis/`).resolve('ioredis6') }]
  : []
const switchChildren = fileURLToPath(new URL('./test/support/ioredis-switch.mjs', import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      ...ioredis6,
      { find: /^@hookgate\/([a-z]+)\/(adapter|testing)$/, replacement: `${packages}$1/src/$2/index.ts` },
      { find: /^@hookgate\/([a-z]+)$/, replacement: `${packages}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // The type tests (*.test-d.ts) are compiled by `pnpm typecheck`, which CI runs before the suite
    // (tsconfig.json includes every test folder) and which fails on a broken expectTypeOf. Vitest's own
    // typecheck would run tsc over them again and print an "experimental feature" warning on every run;
    // `pnpm vitest run --typecheck packages/core/test/types` still runs it on demand.
    typecheck: { include: ['packages/*/test/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    testTimeout: 20_000,
    ...(onIoredis6
      ? { env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${switchChildren}`.trim() } }
      : {}),
    hookTimeout: 30_000,
  },
})
