import { type ChildProcess, spawn } from 'node:child_process'

export interface Result {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The environment for npm and the scratch app: this one without the `npm_*` variables pnpm sets for its
 * scripts, which npm would read as its own configuration.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)))
  return { ...env, ...extra }
}

/**
 * Runs a command to its end within `timeout` ms. Every step is bounded: a command still running then (an
 * npm install spinning on an unresolvable tree) is killed with its children and fails the step, with its
 * output. A non-zero exit fails it too, unless `allowFailure`.
 */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeout: number; env?: NodeJS.ProcessEnv; allowFailure?: boolean },
): Promise<Result> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), detached: true })
  const output = collect(child)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child)
  }, options.timeout)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  }).finally(() => clearTimeout(timer))
  const result = { code, ...output() }
  const line = `${command} ${args.join(' ')}`
  if (timedOut) throw new Error(`did not finish within ${options.timeout / 1000} s: ${line}\n${tail(result)}`)
  if (code !== 0 && !options.allowFailure) throw new Error(`exit code ${code}: ${line}\n${tail(result)}`)
  return result
}

/** A long-running process (a server) and a way to wait, bounded, for a line of its output. */
export function start(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
) {
  const child = spawn(command, args, { ...options, detached: true })
  const output = collect(child)
  return {
    output,
    async waitFor(pattern: RegExp, timeout: number): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeout
      for (;;) {
        const match = output().stdout.match(pattern)
        if (match) return match
        if (ended(child) || Date.now() > deadline) {
          throw new Error(
            `no ${pattern} from ${command} ${args.join(' ')} within ${timeout / 1000} s\n${tail(output())}`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    stop: () => killGroup(child),
  }
}

function collect(child: ChildProcess): () => { stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
  })
  return () => ({ stdout, stderr })
}

/** The child runs in a process group of its own (`detached`), so npm's own children go with it. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || ended(child)) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

function tail({ stdout, stderr }: { stdout: string; stderr: string }): string {
  return `--- stdout\n${stdout.slice(-3000)}\n--- stderr\n${stderr.slice(-3000)}`
}
