import type { WebhookEvent } from '../event.js'
import type { HandlerRegistry } from '../handlers/registry.js'
import { callHook } from '../observe/hooks.js'
import { type Outcome, type ReceiveOptions, rejectionOutcome } from '../outcome/outcome.js'
import { challenge, failure, retryLater, success, withEvent } from '../outcome/respond.js'
import type { RawRequest } from '../request.js'
import { validateAll } from '../schema/standard-schema.js'
import { dedupKey } from '../store/dedup-key.js'
import { payloadHash } from '../store/payload-hash.js'
import type { ClaimOptions, ClaimStatus } from '../store/store.js'
import { batchOutcome } from './batch.js'
import type { ClaimAndHandOff, HandOffOptions } from './claim-and-hand-off.js'
import { checkGuards, observeGuards } from './guards.js'
import type { IgnoredTypes } from './ignored.js'
import type { Lifecycle } from './lifecycle.js'
import type { Observers } from './observers.js'
import type { ResolvedOptions } from './options.js'

const encoder = new TextEncoder()

/**
 * The request pipeline of `receive()`, in order: size and signature (the provider), duplicate fast path,
 * parse, protocol replies, route, id, validation; then `ClaimAndHandOff` claims and hands off.
 */
export class Receive {
  /** The methods a request may use: POST, and those of the provider's handshakes. */
  readonly #allow: string

  constructor(
    private readonly o: ResolvedOptions,
    private readonly registry: HandlerRegistry,
    private readonly ignored: IgnoredTypes,
    private readonly handoff: ClaimAndHandOff,
    private readonly lifecycle: Lifecycle,
    private readonly observers: Observers,
  ) {
    this.#allow = ['POST', ...(o.provider.methods ?? [])].join(', ')
  }

  /** See `Receiver.receive`. Never throws: every failure is an `Outcome`. */
  receive(request: RawRequest, options?: ReceiveOptions): Promise<Outcome> {
    const wrap = this.observers.receive
    if (wrap === undefined) return this.#receive(request, options)
    // The trace rides on the options down to the hand-off, which puts it on the job.
    return wrap(request, (trace) => this.#receive(request, trace ? { ...options, trace } : options))
  }

  async #receive(request: RawRequest, options: HandOffOptions | undefined): Promise<Outcome> {
    const started = performance.now()
    const o = this.o
    let event: WebhookEvent | undefined
    let outcome: Outcome
    let error: unknown
    this.lifecycle.receiving()
    try {
      // Guards first: a flood they refuse costs no hashing, not even a handshake's.
      const refusal = o.guards.length > 0 ? await checkGuards(o.guards, request, o.logger) : undefined
      const handshake = !refusal && o.provider.handshake && (await o.provider.handshake(request))
      if (refusal) {
        outcome = refusal
      } else if (handshake) {
        outcome = challenge(handshake, undefined)
      } else if (this.lifecycle.closing) {
        outcome = rejectionOutcome('shutting_down', 'the receiver is shutting down; retry later', retryLater)
      } else if (request.method !== undefined && request.method.toUpperCase() !== 'POST') {
        outcome = rejectionOutcome('method_not_allowed', 'webhooks are POSTed', { allow: this.#allow })
      } else {
        const verified = await o.provider.verify(request)
        // A duplicate whose id is in a header is answered before the body is even parsed.
        let hash: string | undefined
        let known: ClaimStatus | undefined
        // Not with tenants: the tenant, and so the key, may come from the payload.
        if (verified.id !== undefined && o.store.peek && !o.tenant) {
          const hashed = payloadHash(verified.raw)
          hash = typeof hashed === 'string' ? hashed : await hashed
          known = o.store.peek(dedupKey(o.keyNamespace, undefined, verified.id), hash)
        }
        if (known !== undefined) {
          outcome = this.handoff.answerKnown(known, verified.id, undefined)
        } else {
          event = o.provider.parse(verified)
          const items = o.provider.split?.(event)
          outcome = items ? await this.#acceptEach(items, options) : await this.#accept(event, hash, options)
        }
      }
    } catch (caught) {
      error = caught
      outcome = failure(caught, event)
      this.#logFailure(outcome, caught)
    }
    this.lifecycle.received()
    if (o.guards.length > 0) observeGuards(o.guards, request, outcome, o.logger)
    const durationMs = performance.now() - started
    if (outcome.status < 400) callHook(o.hooks, 'onReceived', { outcome, durationMs }, o.logger)
    else callHook(o.hooks, 'onRejected', { outcome, error, durationMs }, o.logger)
    return outcome
  }

  /**
   * A delivery of several events: each is accepted on its own, in order, with a fingerprint of its own
   * payload (the body is the whole batch). A store failure throws out of the loop: the whole delivery
   * is then answered 503 and retried, and the items handed off so far are duplicates by then.
   */
  async #acceptEach(items: readonly WebhookEvent[], options: HandOffOptions | undefined): Promise<Outcome> {
    const answers: Outcome[] = []
    for (const item of items) {
      const hashed = payloadHash(encoder.encode(JSON.stringify(item.payload)))
      answers.push(await this.#accept(item, typeof hashed === 'string' ? hashed : await hashed, options))
    }
    return batchOutcome(answers, items)
  }

  /** Everything after parsing: the event is verified and not a known duplicate. */
  async #accept(
    event: WebhookEvent,
    hash: string | undefined,
    options: HandOffOptions | undefined,
  ): Promise<Outcome> {
    const o = this.o
    const reply = o.provider.reply?.(event)
    if (reply !== undefined) return challenge(reply, event)
    if (o.tenant) {
      const tenant = o.tenant(event)
      if (!tenant)
        return withEvent(
          rejectionOutcome('unknown_tenant', 'the tenant option names no tenant for this delivery'),
          event,
        )
      event.tenant = tenant
    }
    const route = this.registry.route(event.type)
    const unknownType = route.handlers.length === 0
    if (unknownType && !o.deadLetterUnknown) {
      this.ignored.report(event)
      return success('ignored', event.id, event)
    }
    const id = event.id ?? o.key?.(event)
    if (!id) {
      return withEvent(
        rejectionOutcome(
          'missing_id',
          'the delivery carries no id to dedup on; configure the receiver with a key function',
        ),
        event,
      )
    }
    // Awaited only when there is a schema: no promise, no microtask turn for routes without one.
    const validated =
      unknownType || route.schemas.length === 0 ? undefined : await validateAll(event.payload, route.schemas)
    const issues = Array.isArray(validated) ? validated : undefined
    // An invalid payload in dead-letter mode is handed off anyway: the dispatcher parks it at once.
    if (issues !== undefined && !o.deadLetterInvalid) {
      return withEvent(
        rejectionOutcome('invalid_payload', 'the payload does not match the schema', {}, { issues }),
        event,
      )
    }
    const outputs = Array.isArray(validated) ? undefined : validated
    const hashed = hash ?? payloadHash(event.raw)
    const claim: ClaimOptions = {
      payloadHash: typeof hashed === 'string' ? hashed : await hashed,
      lease: o.lease,
      dedupWindow: o.dedupWindow,
    }
    const key = dedupKey(o.keyNamespace, event.tenant, id)
    // `return await`: returning the promise itself would cost two more microtask turns to adopt it.
    if (o.ackWhenHandled && issues === undefined && !unknownType)
      return await this.handoff.handleNow(event, id, key, claim, outputs, options)
    return await this.handoff.handOff(event, id, key, claim, outputs, options)
  }

  #logFailure(outcome: Outcome, error: unknown): void {
    if (outcome.code === 'internal_error')
      this.o.logger.error({ err: error }, 'receive() failed unexpectedly')
    else if (outcome.code === 'store_unavailable')
      this.o.logger.warn({ err: error }, 'the store did not answer')
  }
}
