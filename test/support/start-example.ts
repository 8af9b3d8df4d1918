import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

export interface RunningExample {
  /** `http://127.0.0.1:<port>`; empty for a process that serves no HTTP (a worker). */
  url: string
  /** Everything the app printed so far. */
  output(): string
  /** Resolves once the app has printed a line matching `pattern` (or rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts `examples/<name>` on an ephemeral loopback port, in a process group of its own so stopping it
 * stops every process it started: through `pnpm start` exactly as a user would (`viaPnpm`), or straight
 * through tsx on the workspace sources (what `pnpm start` runs, a second faster).
 */
export async function startExample(
  name: string,
  env: Record<string, string>,
  {
    viaPnpm = false,
    ready = /listening on http:\/\/\S+:\d+/,
    readyTimeoutMs = 10_000,
  }: {
    viaPnpm?: boolean
    /** What the app prints once it is ready. */
    ready?: RegExp
    /** How long it may take to print it (a runtime that bundles or boots an engine first takes longer). */
    readyTimeoutMs?: number
  } = {},
): Promise<RunningExample> {
  const [command, args] = viaPnpm
    ? ['pnpm', ['--silent', 'start']]
    : [`${root}node_modules/.bin/tsx`, ['src/server.ts']]
  const child = spawn(command, args, {
    cwd: `${root}examples/${name}`,
    detached: true,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const listeners = new Set<() => void>()
  const append = (chunk: Buffer) => {
    output += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', append)
  child.stderr.on('data', append)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const waitFor = (pattern: RegExp, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return
        done()
        resolve()
      }
      const fail = (why: string) => () => {
        done()
        reject(new Error(`examples/${name} ${why} before printing ${pattern}:\n${output}`))
      }
      const timer = setTimeout(fail(`took over ${timeoutMs} ms`), timeoutMs)
      const done = () => {
        clearTimeout(timer)
        listeners.delete(check)
      }
      listeners.add(check)
      void exited.then(fail('exited'))
      check()
    })

  await waitFor(ready, readyTimeoutMs)
  return {
    url: /listening on (http:\/\/\S+:\d+)/.exec(output)?.[1] ?? '',
    output: () => output,
    waitFor,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
      await exited
    },
  }
}
