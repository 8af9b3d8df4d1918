import type { WebhookEvent } from '../event.js'
import type { HandlerRegistry } from '../handlers/registry.js'
import { callHook, type Logger, type ReceiverHooks } from '../observe/hooks.js'

/**
 * How many types `IgnoredTypes` remembers having warned about. A provider has a few hundred types at most;
 * past this many, new ones are no longer warned about, so memory stays bounded whatever arrives.
 */
export const rememberedIgnoredTypes = 1000

/**
 * Reports deliveries answered 200 `ignored`: to `hooks.onIgnored` each time, and to the logger the first
 * time of each type. The sender got a 2xx and will not send them again, so a typo in `on('invoice.payed')`
 * would otherwise drop every real `invoice.paid` in silence.
 */
export class IgnoredTypes {
  readonly #warned = new Set<string>()
  readonly #registry: HandlerRegistry
  readonly #hooks: ReceiverHooks
  readonly #logger: Logger
  readonly #limit: number

  constructor(
    registry: HandlerRegistry,
    hooks: ReceiverHooks,
    logger: Logger,
    limit = rememberedIgnoredTypes,
  ) {
    this.#registry = registry
    this.#hooks = hooks
    this.#logger = logger
    this.#limit = limit
  }

  report(event: WebhookEvent): void {
    const { type } = event
    if (this.#warned.size < this.#limit && !this.#warned.has(type)) this.#warn(type)
    if (this.#hooks.onIgnored) {
      const info = { event, registeredTypes: this.#registry.types() }
      callHook(this.#hooks, 'onIgnored', info, this.#logger)
    }
  }

  #warn(type: string): void {
    this.#warned.add(type)
    this.#logger.warn(
      { type, registeredTypes: this.#registry.types() },
      `no handler is registered for "${type}": its deliveries are answered 200 ignored and dropped (a typo in on()?); warned once per type`,
    )
    if (this.#warned.size === this.#limit) {
      this.#logger.warn(
        { limit: this.#limit },
        `${this.#limit} types had no handler: new ones are no longer warned about (hooks.onIgnored still sees each)`,
      )
    }
  }
}
