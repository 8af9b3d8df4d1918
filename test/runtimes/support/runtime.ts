import { spawnSync } from 'node:child_process'
import { describe, it } from 'vitest'
import { root } from '../../packaging/pack.js'
import { cleanEnv, start } from '../../packaging/support.js'

/** A runtime binary the tests start, and what to tell whoever lacks it. */
export interface RuntimeBinary {
  name: string
  /** The executable (a path, or a name on PATH). */
  command: string
  /** Why it can be missing, and how to get it. */
  install: string
}

const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI)

/** Why `binary` cannot run here (its `--version` fails or hangs), or undefined when it runs. */
function missing(binary: RuntimeBinary): string | undefined {
  const result = spawnSync(binary.command, ['--version'], { cwd: root, timeout: 15_000, encoding: 'utf8' })
  if (result.status === 0) return undefined
  const why = result.error?.message ?? (result.stderr.trim() || `exit code ${result.status}`)
  return `${binary.name} is not installed: ${binary.install} (${binary.command} --version: ${why})`
}

/**
 * `describe(binary.name, body)` when the runtime runs. When it does not: under CI a failing test says what is
 * missing (a runtime test never skips silently there); locally the block is skipped, saying why.
 */
export function describeRuntime(binary: RuntimeBinary, body: () => void): void {
  const reason = missing(binary)
  if (reason === undefined) {
    describe(binary.name, body)
  } else if (ci) {
    describe(binary.name, () => {
      it('is installed', () => {
        throw new Error(reason)
      })
    })
  } else {
    console.warn(`skipping the ${binary.name} tests (they fail under CI=true): ${reason}`)
    describe.skip(`${binary.name} (skipped: ${reason})`, body)
  }
}

/** A server the test started, listening on a loopback port. */
export interface RunningServer {
  baseUrl: string
  /** Ends it (a child process: its whole process group). */
  stop(): void | Promise<void>
  output(): { stdout: string; stderr: string }
}

/**
 * Starts `command` in its own process group and waits, bounded, for its `listening on http://127.0.0.1:PORT`
 * line (every fixture server prints it once it listens on port 0).
 */
export async function startServer(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const server = start(command, args, { cwd: root, env: cleanEnv(env) })
  try {
    const [, baseUrl = ''] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000)
    return { baseUrl, stop: server.stop, output: server.output }
  } catch (error) {
    server.stop()
    throw error
  }
}
