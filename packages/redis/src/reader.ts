import { bounded } from './bounded.js'
import { duplicateForReads, ready } from './client.js'
import { claimReply, type Entry, readReply, type Taken } from './entries.js'
import { pruneConsumers, streamsOf } from './group.js'
import type { Inflight, Watch } from './inflight.js'
import type { QueueSettings } from './settings.js'

/** How far the looks at one stream's pending entries got: this worker's own, and silent workers'. */
interface Scan {
  stream: string
  /** The next `XREADGROUP` id of our own pending entries; undefined once they were all seen. */
  own: string | undefined
  /** The next `XAUTOCLAIM` start; `0-0` starts a scan. */
  others: string
}

/** Where a worker's stream reads go. */
export interface Reader {
  /** Up to `count` entries to run next, none of them running already. */
  next(count: number): Promise<Taken[]>
  /** Look at our own pending entries again: a read cut short may have been served, its reply lost. */
  lookAgain(): void
  close(): void
}

/**
 * The reads of the worker loop, on a duplicated connection (a blocking read would stall every other
 * command on the shared client). In order: its own pending entries that are not running (left by a
 * previous run under the same consumer name, or by a read whose reply was lost; looked at on start, after
 * a failure and every third of `reclaimAfter`), entries of workers silent for `reclaimAfter`
 * (`XAUTOCLAIM`), each on the retries stream then the jobs stream, then new jobs with a blocking
 * `XREADGROUP`. New retries are read by the promote script instead, before this.
 */
export function openReader(settings: QueueSettings, inflight: Inflight): Reader {
  const { connection, group, consumer, block, reclaimAfter } = settings
  const { client, keys, call, timeout } = connection
  const reader = duplicateForReads(client)
  reader.on('error', () => {}) // failures surface through the read itself
  const scans: Scan[] = streamsOf(keys).map((stream) => ({ stream, own: '0', others: '0-0' }))
  let reclaiming = 0
  let nextReclaim = 0

  /** This consumer's XREADGROUP: its own pending entries after `cursor`, or new ones (`>`) in `blockMs`. */
  const readGroup = (stream: string, count: number, cursor: string, blockMs?: number) =>
    reader.callBuffer(
      'XREADGROUP',
      'GROUP',
      group,
      consumer,
      'COUNT',
      count,
      ...(blockMs === undefined ? [] : ['BLOCK', blockMs]),
      'STREAMS',
      stream,
      cursor,
    )

  const toRun = (stream: string, entries: Entry[], watch?: Watch): Taken[] =>
    entries
      .filter(([id]) => !inflight.has(stream, id) && !watch?.finished(stream, id))
      .map(([id, fields]) => ({ stream, id, fields }))

  const lookAgain = () => {
    for (const scan of scans) scan.own = '0'
  }

  const ownPending = async (scan: Scan, count: number) => {
    const cursor = scan.own ?? '0'
    const watch = inflight.watch()
    const reply = await call('read pending', () => readGroup(scan.stream, count, cursor)).finally(watch.stop)
    const entries = readReply(reply)
    scan.own = entries.at(-1)?.[0]
    return toRun(scan.stream, entries, watch)
  }

  const reclaim = async (scan: Scan, count: number) => {
    // Watched too: a job of ours whose heartbeat failed (Redis was away) may be taken back as it finishes.
    const watch = inflight.watch()
    const reply = await call('reclaim', () =>
      reader.callBuffer(
        'XAUTOCLAIM',
        scan.stream,
        group,
        consumer,
        reclaimAfter,
        scan.others,
        'COUNT',
        count,
      ),
    ).finally(watch.stop)
    const { cursor, entries } = claimReply(reply)
    scan.others = cursor
    // A finished scan moves on to the next stream; an unfinished one continues on the next turn. Once
    // every stream was scanned, the next scan waits a while.
    if (cursor === '0-0' && ++reclaiming === scans.length) {
      reclaiming = 0
      nextReclaim = Date.now() + reclaimAfter / 3
      lookAgain()
      await pruneConsumers(settings)
    }
    return toRun(scan.stream, entries, watch)
  }

  return {
    async next(count) {
      // Without an offline queue, a read sent before the duplicated connection is up would fail.
      if (reader.status !== 'ready') await bounded('connect', timeout, () => ready(reader))
      const own = scans.find((scan) => scan.own !== undefined)
      if (own) return ownPending(own, count)
      const scan = scans[reclaiming]
      if (scan && Date.now() >= nextReclaim) {
        const reclaimed = await reclaim(scan, count)
        if (reclaimed.length > 0) return reclaimed
      }
      // Bounded by the block plus the usual budget: `call` alone would cut a healthy blocking read short.
      const reply = await bounded('read', block + timeout, () => readGroup(keys.jobs, count, '>', block))
      return toRun(keys.jobs, readReply(reply))
    },
    lookAgain,
    close: () => reader.disconnect(),
  }
}
