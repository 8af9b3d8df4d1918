import { StoreUnavailableError } from '@hookgate/core'

/**
 * Runs one Redis call, turning any failure or a reply slower than `timeout` ms into `StoreUnavailableError`.
 * The user's client may queue commands offline or retry them for a long time; this bound holds whatever its
 * options are. A call that times out may still be executed by Redis later: every script is safe to have
 * run (a late claim is reported as a duplicate when the sender retries, never lost).
 */
export async function bounded<T>(what: string, timeout: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    // One promise settled by the reply or the timer, whichever comes first: this runs on every request,
    // and racing the reply against a separate deadline promise costs about half as much again.
    return await new Promise<T>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`redis did not answer ${what} within ${timeout} ms`)),
        timeout,
      )
      call().then(resolve, reject) // a synchronous throw rejects too: it happens inside the executor
    })
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error
    throw new StoreUnavailableError(`redis failed ${what}: ${(error as Error).message}`, { cause: error })
  } finally {
    clearTimeout(timer)
  }
}
