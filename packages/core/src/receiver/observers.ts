import type { AttemptResult, Job, JobTrace } from '../dispatch/queue.js'
import { callHook, type Logger, type ReceiverHooks } from '../observe/hooks.js'
import type { Instrumentation, Observer } from '../observe/instrumentation.js'
import type { Outcome } from '../outcome/outcome.js'
import type { RawRequest } from '../request.js'

type HookName = keyof ReceiverHooks

/**
 * The receiver's hooks and the observers `receiver.observe()` added since. `hooks` is the one object every
 * stage calls: it has a method only for the hooks someone observes, so a stage that builds a hook's info
 * only when the hook is there (`if (hooks.onHandled)`) still builds nothing; each observer is called on its
 * own, so one that throws does not silence the others. `receive` and `attempt` nest every observer's
 * wrapper, and are undefined while none has one: the path then calls nothing extra.
 */
export class Observers implements Instrumentation {
  readonly hooks: ReceiverHooks = {}
  receive: Instrumentation['receive']
  attempt: Instrumentation['attempt']
  readonly #observers: Observer[] = []

  constructor(
    private readonly own: ReceiverHooks,
    private readonly logger: Logger,
  ) {
    this.#rebuild()
  }

  /** Adds an observer; the function returned removes it. */
  add(observer: Observer): () => void {
    this.#observers.push(observer)
    this.#rebuild()
    return () => {
      const at = this.#observers.indexOf(observer)
      if (at < 0) return
      this.#observers.splice(at, 1)
      this.#rebuild()
    }
  }

  #rebuild(): void {
    const all: ReceiverHooks[] = [this.own, ...this.#observers]
    const hooks = this.hooks as Record<HookName, ((info: never) => void) | undefined>
    for (const name of Object.keys(hooks) as HookName[]) delete hooks[name]
    const names = new Set(all.flatMap((h) => Object.keys(h) as HookName[]))
    for (const name of names) {
      const holders = all.filter((h) => typeof h[name] === 'function')
      if (holders.length === 0) continue
      hooks[name] = (info: never) => {
        for (const holder of holders) callHook(holder, name, info, this.logger)
      }
    }
    const receivers = this.#observers.filter((o) => o.receive !== undefined)
    // One observer (the usual case) is called as it is: no nesting on the path of every delivery.
    this.receive =
      receivers.length <= 1
        ? receivers[0]?.receive?.bind(receivers[0])
        : (request, run) => nestReceive(receivers, request, run)
    const attempters = this.#observers.filter((o) => o.attempt !== undefined)
    this.attempt =
      attempters.length <= 1
        ? attempters[0]?.attempt?.bind(attempters[0])
        : (job, run) => nestAttempt(attempters, job, run)
  }
}

/** The first observer's wrapper outermost; a trace given by an inner one wins over an outer one's. */
function nestReceive(
  observers: readonly Instrumentation[],
  request: RawRequest,
  run: (trace: JobTrace | undefined) => Promise<Outcome>,
  outer?: JobTrace,
): Promise<Outcome> {
  const [first, ...rest] = observers
  if (first === undefined) return run(outer)
  return first.receive!(request, (trace) => nestReceive(rest, request, run, trace ?? outer))
}

function nestAttempt(
  observers: readonly Instrumentation[],
  job: Job,
  run: () => Promise<AttemptResult>,
): Promise<AttemptResult> {
  const [first, ...rest] = observers
  if (first === undefined) return run()
  return first.attempt!(job, () => nestAttempt(rest, job, run))
}
