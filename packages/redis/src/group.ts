import { recordOf } from './entries.js'
import { UnexpectedReplyError } from './errors.js'
import type { Keyspace } from './keys.js'
import type { QueueSettings } from './settings.js'

/** A consumer that held nothing for this long (ms) is removed from the group. */
const pruneIdle = 3_600_000

/** The streams a worker reads, in the order it reads them: due retries before new jobs. */
export function streamsOf(keys: Keyspace): readonly string[] {
  return [keys.retries, keys.jobs]
}

/** Creates the group on every stream, and the streams themselves, unless they exist. */
export async function createGroups({ connection, group }: QueueSettings): Promise<void> {
  const { client, keys, call } = connection
  for (const stream of streamsOf(keys)) {
    try {
      // From '0': jobs enqueued before the first worker ever started are not skipped.
      await call('create group', () => client.xgroup('CREATE', stream, group, '0', 'MKSTREAM'))
    } catch (error) {
      if (!String((error as Error).cause ?? error).includes('BUSYGROUP')) throw error
    }
  }
}

/**
 * Workers named after their process leave a consumer behind each time they stop. Once one has held
 * nothing for an hour it is removed (a live worker reads every `block` ms, so it is never that idle;
 * even then, removing a consumer that holds nothing loses nothing).
 */
export async function pruneConsumers({ connection, group }: QueueSettings): Promise<void> {
  const { client, keys, call } = connection
  for (const stream of streamsOf(keys)) {
    const consumers = await call('list consumers', () => client.xinfo('CONSUMERS', stream, group))
    if (!Array.isArray(consumers)) throw new UnexpectedReplyError('XINFO CONSUMERS', consumers)
    for (const info of consumers) {
      const { name, pending, idle } = recordOf('XINFO CONSUMERS', info)
      if (pending === 0 && typeof idle === 'number' && idle > pruneIdle && typeof name === 'string') {
        await call('remove consumer', () => client.xgroup('DELCONSUMER', stream, group, name))
      }
    }
  }
}
