import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { HandlerLog } from './deliveries.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))

export interface Served extends HandlerLog {
  url: string
  stop(): Promise<void>
}

/**
 * Runs `script` (relative to the repository) with `runtime` (a binary in node_modules/.bin) until it prints
 * `listening on <url>`, 15 s at most. A missing runtime throws with what to install: the test then fails,
 * in CI too, rather than being skipped.
 */
export async function serve(runtime: string, args: string[], env: Record<string, string>): Promise<Served> {
  const binary = `${root}node_modules/.bin/${runtime}`
  if (!existsSync(binary))
    throw new Error(`${binary} is missing: run pnpm install (the ${runtime} devDependency)`)
  const child = spawn(binary, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${runtime} ${args.join(' ')} took over 15 s:\n${output}`)),
      15_000,
    )
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    const append = (chunk: Buffer) => {
      output += chunk.toString()
      const listening = /listening on (http:\/\/\S+)/.exec(output)
      if (!listening?.[1]) return
      clearTimeout(timer)
      resolve(listening[1])
    }
    child.stdout.on('data', append)
    child.stderr.on('data', append)
    child.once('exit', (code) => fail(new Error(`${runtime} exited (${code}) before listening:\n${output}`)))
  })
  return {
    url,
    lines: () => output,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
