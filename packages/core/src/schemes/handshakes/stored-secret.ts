import { WebhookVerificationError } from '../../errors.js'
import type { MaybePromise } from '../../maybe-promise.js'
import type { RawRequest } from '../../request.js'

/**
 * What Asana and Notion share: the secret arrives once, in an unsigned first request, and the app must
 * keep it, since every later delivery is signed with it. The app's callback is awaited before the answer,
 * so a 200 means it is stored; when the callback throws, the answer is 503 and the sender tries again.
 */
export type SecretCallback = (secret: string, request: RawRequest) => MaybePromise<void>

/** The callback an option names, checked when the provider is built. */
export function secretCallback(callback: unknown, option: string): SecretCallback {
  if (typeof callback !== 'function')
    throw new TypeError(`${option} is required: a function that stores the secret the first request carries`)
  return callback as SecretCallback
}

/** Hands the secret to the app, a failure to store it turned into 503 `key_unavailable`. */
export async function storeSecret(
  callback: SecretCallback,
  secret: string,
  request: RawRequest,
  option: string,
): Promise<void> {
  try {
    await callback(secret, request)
  } catch (error) {
    throw new WebhookVerificationError(
      'key_unavailable',
      `${option} failed to store the secret; answered 503 so that the sender sends it again`,
      { cause: error },
    )
  }
}
