import { StoreUnavailableError } from '@hookgate/core'

/**
 * A Redis reply in a shape this package cannot read, e.g. from a client release or a client option
 * (`replyMapping`) it does not know. Reading it again gives the same shape, so the worker stops on it.
 */
export class UnexpectedReplyError extends TypeError {
  override readonly name = 'UnexpectedReplyError'
  readonly code = 'unexpected_reply'

  constructor(what: string, reply: unknown) {
    super(`unexpected reply to ${what} from redis: ${describe(reply)}`)
  }
}

/**
 * The worker loop stopped on a failure that waiting cannot heal: a reply it cannot read, or a command Redis
 * refuses for good (a key of the wrong type, a command or permission this Redis lacks). `consume()` rejects
 * with it, so `receiver.work()`'s worker reports it; the original error is the `cause`. Transient failures
 * (Redis unreachable, slow, restarting) never end the loop: they reach `onError` and the loop carries on.
 */
export class ConsumerFailedError extends Error {
  override readonly name = 'ConsumerFailedError'
  readonly code = 'consumer_failed'
}

/**
 * Fewer replicas than `durability.replicas` acknowledged a claim and its job within `durability.timeout`:
 * the claim was released and the delivery is answered 503 (this is the `cause` of its
 * `StoreUnavailableError`), so the sender's retry is processed as new.
 */
export class NotReplicatedError extends Error {
  override readonly name = 'NotReplicatedError'
  readonly code = 'not_replicated'
}

/**
 * Redis errors that answer the same however often the command is sent. Anything else Redis answers
 * (`LOADING`, `BUSY`, `OOM`, `READONLY`, `NOGROUP`, ...) passes once Redis or an operator catches up.
 */
const refusedForGood = new RegExp(
  `^(${[
    'WRONGTYPE', // the key holds another type: something else writes there
    'NOPERM', // an ACL forbids the command
    'ERR unknown command', // a Redis too old (XAUTOCLAIM needs 6.2) or a proxy that lacks it
    'ERR unknown subcommand',
    'ERR syntax error',
    'ERR wrong number of arguments',
    'ERR user_script', // a script failed at run time: a bug
    'ERR Error compiling script',
    'CROSSSLOT', // keys of one call on two cluster slots: a bug, never a topology change
  ].join('|')})`,
  'i',
)

/**
 * True when retrying cannot help. Every Redis call is wrapped in `StoreUnavailableError` by `bounded`,
 * so anything else was thrown by this package's own reading of a reply.
 */
export function isPermanent(error: unknown): boolean {
  if (!(error instanceof StoreUnavailableError)) return true
  const { cause } = error
  return cause instanceof Error && cause.name === 'ReplyError' && refusedForGood.test(cause.message)
}

/** What to print or store of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function describe(reply: unknown): string {
  if (reply === null || typeof reply !== 'object') return String(reply)
  if (Buffer.isBuffer(reply)) return `bytes ${JSON.stringify(reply.toString('latin1').slice(0, 40))}`
  if (Array.isArray(reply)) return `an array of ${reply.length}`
  return `an object with keys ${Object.keys(reply).slice(0, 5).join(', ')}`
}
