// Everything the code under attack says, kept as text so one scan at the end can prove no secret (and no
// expected signature) ever left it: answers, log lines, hook payloads, thrown errors, console output.
import { inspect } from 'node:util'
import type { Logger, ReceiverHooks } from '@hookgate/core'

export class Capture {
  readonly #texts: string[] = []
  readonly #sensitive = new Set<string>()

  /** Keeps a value as text: errors with their stack and cause, objects to depth 8. */
  add(source: string, value: unknown): void {
    const text =
      typeof value === 'string' ? value : inspect(value, { depth: 8, breakLength: Number.POSITIVE_INFINITY })
    this.#texts.push(`${source}: ${text}`)
  }

  /** A value that must never be said: a secret spelling, or the signature a forged request should have had. */
  sensitive(value: string): void {
    if (value.length >= 8) this.#sensitive.add(value)
  }

  /** How many texts were kept, to show the scan looked at something. */
  get size(): number {
    return this.#texts.length
  }

  /** Every kept text that contains a sensitive value (hex compared case-insensitively). */
  leaks(): string[] {
    const found: string[] = []
    for (const text of this.#texts) {
      const lower = text.toLowerCase()
      for (const value of this.#sensitive) {
        if (text.includes(value) || (/^[0-9a-f]+$/i.test(value) && lower.includes(value.toLowerCase())))
          found.push(`${value.slice(0, 6)}... in ${text.slice(0, 200)}`)
      }
    }
    return found
  }

  /** A logger that keeps every line (pino's argument order, as the receiver calls it). */
  logger(): Logger {
    const keep = (level: string) => (fields: Record<string, unknown>, message: string) =>
      this.add(`log.${level}`, { message, fields })
    return { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') }
  }

  /** Hooks that keep what they are told: outcomes, errors with causes, events. */
  hooks(): ReceiverHooks {
    const keep = (name: string) => (info: unknown) => this.add(`hook.${name}`, info)
    return {
      onReceived: keep('onReceived'),
      onRejected: keep('onRejected'),
      onHandled: keep('onHandled'),
      onRetry: keep('onRetry'),
      onDeadLettered: keep('onDeadLettered'),
    }
  }
}
