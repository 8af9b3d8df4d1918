/**
 * The exit codes every command uses, so scripts can tell "the receiver said no" from "you typed it wrong".
 */
export const ExitCode = {
  /** Everything worked: every delivery got a 2xx, every Redis command succeeded. */
  ok: 0,
  /** The command ran but something failed: a delivery was not answered with a 2xx, Redis refused, ... */
  failure: 1,
  /** The command line itself is wrong: unknown option, missing secret, unreadable payload file. */
  usage: 2,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** Thrown for a command line that can not work as typed; reported as one line and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly code = 'usage'
}
