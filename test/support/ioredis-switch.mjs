// `node --import ./test/support/ioredis-switch.mjs`: every `import 'ioredis'` loads the `ioredis6`
// devDependency of @hookgate/redis instead. vitest.config.ts hands it to the child processes of the Redis
// tests (receivers and workers started with tsx) when HOOKGATE_IOREDIS=6; in the test processes themselves
// a vitest alias does the same.
import { register } from 'node:module'

const hooks = `export function resolve(specifier, context, next) {
  return next(specifier === 'ioredis' ? 'ioredis6' : specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hooks)}`)
