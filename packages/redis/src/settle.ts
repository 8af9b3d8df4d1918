import type { AttemptResult, Job } from '@hookgate/core'
import { encodeJob } from './codec.js'
import { messageOf } from './errors.js'
import type { QueueSettings } from './settings.js'

/** Pause between two tries at recording a result while Redis fails. */
export const pauseAfterError = 500

/** Where an entry lives: the stream it was read from, and its id there. */
export interface Place {
  stream: string
  id: string
}

/**
 * Records an attempt's outcome, each with one script on the entry's own stream: acknowledged and deleted
 * (`done`), parked in the delayed set with the next attempt (`retry`, or the same one for a `wait`), or
 * moved to the dead letters.
 */
function settle(settings: QueueSettings, { stream, id }: Place, job: Job, result: AttemptResult) {
  const { connection, group, consumer } = settings
  const { scripts, keys, call } = connection
  switch (result.status) {
    case 'done':
      return call('ack', () => scripts.hookgateAck(stream, group, id, consumer))
    case 'retry':
    case 'wait': {
      // A wait for the order key is no failed attempt: the same attempt runs again after the delay.
      const attempt = result.status === 'retry' ? job.attempt + 1 : job.attempt
      const next = encodeJob({ ...job, attempt, succeeded: result.succeeded })
      const delay = Math.ceil(result.delay)
      return call('retry', () =>
        scripts.hookgateRetry(stream, keys.delayed, group, id, consumer, delay, ...next),
      )
    }
    case 'dead': {
      const buried = encodeJob({ ...job, succeeded: result.succeeded })
      const error = messageOf(result.error)
      return call('dead-letter', () =>
        scripts.hookgateBury(stream, keys.dead, group, id, consumer, ...buried, error),
      )
    }
  }
}

/**
 * The outcome is known: keep trying to record it rather than run the handlers again, until another worker
 * could have reclaimed the entry anyway. Failures go to `onError`.
 */
export async function record(settings: QueueSettings, place: Place, job: Job, result: AttemptResult) {
  const giveUp = Date.now() + settings.reclaimAfter
  for (;;) {
    try {
      await settle(settings, place, job, result)
      return
    } catch (error) {
      settings.onError(error)
      if (Date.now() >= giveUp) return
      await sleep(pauseAfterError)
    }
  }
}

/** Acknowledges and deletes an entry that holds nothing to run. */
export function drop({ connection, group, consumer, onError }: QueueSettings, { stream, id }: Place) {
  const { scripts, call } = connection
  return call('ack', () => scripts.hookgateAck(stream, group, id, consumer)).catch(onError)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
