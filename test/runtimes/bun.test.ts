import { join } from 'node:path'
import { root } from '../packaging/pack.js'
import { startServer } from './support/runtime.js'
import { describeServedRuntime } from './support/served.js'

// Bun.serve (fixtures/bun-server.ts) on the app bundled from the packed packages: core on Bun's node:crypto,
// as users get it, and a second copy on Web Crypto.
describeServedRuntime({
  name: 'bun',
  binary: {
    command: join(root, 'node_modules/.bin/bun'),
    install: 'pnpm install must run its postinstall (onlyBuiltDependencies in pnpm-workspace.yaml)',
  },
  start: (app) =>
    startServer(join(root, 'node_modules/.bin/bun'), [
      'run',
      'test/runtimes/fixtures/bun-server.ts',
      app.modulePath,
    ]),
  vectors: { '/vectors': 'node:crypto', '/web-crypto/vectors': 'Web Crypto' },
})
