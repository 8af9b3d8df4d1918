import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Miniflare } from 'miniflare'
import {
  miniflareOptions,
  type Hosted as RuntimeServer,
  serveOnEdgeRuntime,
  serveOnNode,
} from '../../../test/runtimes/support/hosts.js'
import type { BenchBundle } from './bundle.js'

/** A runtime the section measures; the hosts are the runtime tests' own (test/runtimes/support/hosts.ts). */
export interface BenchRuntime {
  name: string
  /** Its version, or undefined when it is not installed here (the row is then skipped). */
  version(): string | undefined
  start(bundle: BenchBundle): Promise<RuntimeServer>
}

const repo = new URL('../../../', import.meta.url).pathname
const require = createRequire(import.meta.url)
const bin = (name: string) => `${repo}node_modules/.bin/${name}`
const versionOf = (packageJson: string) =>
  (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version

function commandVersion(command: string): string | undefined {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 15_000 })
  return result.status === 0 ? result.stdout.split('\n')[0]?.trim() : undefined
}

/** A runtime as a child process (its own group), serving once it prints `listening on http://...` (20 s at most). */
function startChild(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RuntimeServer> {
  const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, detached: true })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    process.kill(-child.pid, 'SIGKILL')
    await exited
  }
  return new Promise((resolve, reject) => {
    let output = ''
    const fail = (why: string) => {
      clearTimeout(timer)
      void stop().then(() =>
        reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output.slice(-2000)}`)),
      )
    }
    const timer = setTimeout(() => fail('not listening within 20 s'), 20_000)
    child.once('exit', (code) => fail(`exited with ${code}`))
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      output += text
    })
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (url === undefined) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve({ url, stop })
    })
  })
}

/** The server fixtures of test/runtimes: they load a bundle and serve its default export's fetch. */
const fixture = (name: string) => `test/runtimes/fixtures/${name}`

export const benchRuntimes: BenchRuntime[] = [
  {
    name: 'node',
    version: () => process.version,
    start: (bundle) => serveOnNode(bundle.modulePath),
  },
  {
    name: 'bun',
    version: () => commandVersion(bin('bun')),
    start: (bundle) => startChild(bin('bun'), ['run', fixture('bun-server.ts'), bundle.modulePath]),
  },
  {
    name: 'deno',
    version: () => commandVersion(bin('deno'))?.replace(/^deno /, ''),
    start: (bundle) =>
      startChild(
        bin('deno'),
        [
          'run',
          '--sloppy-imports',
          '--no-prompt',
          '--allow-net=127.0.0.1',
          `--allow-read=${bundle.dir}`,
          fixture('deno-server.ts'),
          bundle.modulePath,
        ],
        { DENO_NO_UPDATE_CHECK: '1' },
      ),
  },
  {
    name: 'workerd (Miniflare)',
    version: () => {
      const workerd = createRequire(require.resolve('miniflare'))('workerd') as { version: string }
      return `workerd ${workerd.version}, miniflare ${versionOf(require.resolve('miniflare/package.json'))}`
    },
    async start(bundle) {
      const mf = new Miniflare(miniflareOptions(bundle.modulePath, bundle.dir))
      const url = await mf.ready
      return { url: url.origin, stop: () => mf.dispose() }
    },
  },
  {
    name: 'edge-runtime',
    version: () => versionOf(require.resolve('edge-runtime/package.json')),
    start: (bundle) => serveOnEdgeRuntime(bundle.script, bundle.globalName),
  },
]
