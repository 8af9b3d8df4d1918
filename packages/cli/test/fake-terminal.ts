import type { Terminal } from '@hookgate/cli'

/** A terminal whose output the test reads back; stdin is the given text (or a TTY when absent). */
export function fakeTerminal(
  options: { stdin?: string | Uint8Array; env?: Record<string, string>; tty?: boolean } = {},
) {
  const out: string[] = []
  const err: string[] = []
  const stdin = Object.assign(
    (async function* () {
      if (options.stdin !== undefined) yield options.stdin
    })(),
    { isTTY: options.stdin === undefined },
  )
  const terminal: Terminal = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty ?? false },
    stdin,
    env: options.env ?? {},
  }
  return {
    terminal,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  }
}
