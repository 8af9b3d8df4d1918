import { recordOf } from './entries.js'
import { UnexpectedReplyError } from './errors.js'
import { streamsOf } from './group.js'
import type { QueueSettings } from './settings.js'

/**
 * When the oldest entry no worker of the group has read yet was added (its stream id's time, on Redis's
 * clock), across the streams a worker reads (new jobs, due retries): the consumer lag a metric reports.
 * Undefined when every entry was read. Before any worker created the group, every entry waits.
 */
export async function oldestWaiting({ connection, group }: QueueSettings): Promise<number | undefined> {
  const { client, call } = connection
  let oldest: number | undefined
  for (const stream of streamsOf(connection.keys)) {
    const next = await call('oldestWaiting', async () => {
      const groups = (await client.exists(stream)) ? await client.xinfo('GROUPS', stream) : []
      if (!Array.isArray(groups)) throw new UnexpectedReplyError('XINFO GROUPS', groups)
      const read = groups.map((info) => recordOf('XINFO GROUPS', info)).find((info) => info.name === group)
      const after = read === undefined ? '-' : `(${String(read['last-delivered-id'])}`
      return client.xrange(stream, after, '+', 'COUNT', 1)
    })
    const id = next[0]?.[0]
    if (id === undefined) continue
    const at = Number(id.slice(0, id.indexOf('-')))
    if (oldest === undefined || at < oldest) oldest = at
  }
  return oldest
}
