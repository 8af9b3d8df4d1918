import { join } from 'node:path'
import { root } from '../packaging/pack.js'
import { startServer } from './support/runtime.js'
import { describeServedRuntime } from './support/served.js'

const deno = join(root, 'node_modules/.bin/deno')

// Deno.serve (fixtures/deno-server.ts) on the app bundled from the packed packages, allowed only loopback
// sockets and the bundle's folder: core on Deno's node:crypto, as users get it, and a copy on Web Crypto.
describeServedRuntime({
  name: 'deno',
  binary: {
    command: deno,
    install: 'pnpm install must install its platform package (@deno/linux-x64-glibc, an optional dependency)',
  },
  start: (app) =>
    startServer(
      deno,
      [
        'run',
        '--sloppy-imports',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        `--allow-read=${app.dir}`,
        'test/runtimes/fixtures/deno-server.ts',
        app.modulePath,
      ],
      { DENO_NO_UPDATE_CHECK: '1' },
    ),
  vectors: { '/vectors': 'node:crypto', '/web-crypto/vectors': 'Web Crypto' },
})
