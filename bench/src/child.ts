import { type ChildProcess, spawn } from 'node:child_process'

/**
 * Starts a TypeScript entry of the bench as a child process with an IPC channel, on the same loader the
 * parent runs on (tsx's flags are in `process.execArgv`), optionally pinned to one core with taskset.
 */
export function spawnChild(
  script: URL,
  args: readonly string[],
  options: { core?: number; nodeFlags?: readonly string[] } = {},
): ChildProcess {
  const node = [...process.execArgv, ...(options.nodeFlags ?? []), script.pathname, ...args]
  const [command, argv] =
    options.core === undefined
      ? [process.execPath, node]
      : ['taskset', ['-c', String(options.core), process.execPath, ...node]]
  return spawn(command, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

/** The child's next IPC message; rejects if it exits first. */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code} before answering`))
    child.once('exit', onExit)
    child.once('message', (message) => {
      child.off('exit', onExit)
      resolve(message as T)
    })
  })
}

/** Closes the IPC channel (the child's cue to clean up and exit) and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.disconnect()
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
