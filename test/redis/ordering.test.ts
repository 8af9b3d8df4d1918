import { createReceiver } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { afterAll, expect, it } from 'vitest'
import { type connectRedis, useRedis } from '../../packages/redis/test/redis.js'
import { type Child, kill, startWorkerProcess } from './fixtures/child.js'
import { type OrderingEntry, readOrderingJournal, sendVersion } from './fixtures/ordering.js'
import { provider } from './fixtures/signing.js'

// 200 events of 20 keys, delivered in shuffled order with duplicates, handled by two worker processes on
// the real Redis. Per key, no two handlers overlap in time and the applied versions strictly increase; the
// events older than one applied before them are reported stale and never handled; every id completes once.
const prefix = 'test-redis-ordering'
const keys = Array.from({ length: 20 }, (_, i) => `obj_${i}`)
const versions = Array.from({ length: 10 }, (_, i) => i + 1)
let client: Awaited<ReturnType<typeof connectRedis>>
useRedis(prefix, (connected) => {
  client = connected
})

const children: Child[] = []
afterAll(async () => {
  for (const child of children) await kill(child)
})

const idOf = (key: string, version: number) => `evt_${key}_v${version}`
/** A few ms, the same for every copy of an event (a duplicate carries the same body). */
const holdOf = (key: string, version: number) => 2 + ((key.length + version * 7) % 5)

it('serializes each key across two workers and handles no stale event', { timeout: 30_000 }, async () => {
  const started = Date.now()
  const env = { TEST_PREFIX: prefix, TEST_LEASE: '2000', TEST_RECLAIM: '5000' }
  const workers = await Promise.all(
    ['one', 'two'].map((name) =>
      startWorkerProcess({ ...env, TEST_CONSUMER: name }, 'test/redis/fixtures/ordering-worker.ts'),
    ),
  )
  children.push(...workers)
  const receiver = createReceiver({ provider, ...redis({ client, prefix }) })
  receiver.on('*', () => {}, { id: 'receive-only' })

  const events = keys.flatMap((key) => versions.map((version) => ({ key, version })))
  const sent = shuffle([...events, ...shuffle(events).slice(0, 40)])
  const statuses: number[] = []
  for (let i = 0; i < sent.length; i += 20) {
    const batch = sent.slice(i, i + 20)
    statuses.push(
      ...(await Promise.all(
        batch.map(({ key, version }) =>
          sendVersion(receiver, idOf(key, version), {
            key,
            version,
            holdMs: holdOf(key, version),
          }),
        ),
      )),
    )
  }
  expect(new Set(statuses)).toEqual(new Set([200, 202]))

  const finished = (entries: OrderingEntry[]) =>
    new Set(entries.filter((e) => e.what === 'handled' || e.what === 'stale').map((e) => e.id)).size
  let journal = await readOrderingJournal(client, prefix)
  while (finished(journal) < events.length && Date.now() - started < 25_000) {
    await sleep(100)
    journal = await readOrderingJournal(client, prefix)
  }
  const of = (what: OrderingEntry['what']) => journal.filter((e) => e.what === what)
  const handled = of('handled').map((e) => e.id!)
  const stale = of('stale').map((e) => e.id!)

  // Every event ended once: handled or stale, never both, never twice.
  expect([...handled, ...stale].sort()).toEqual(events.map(({ key, version }) => idOf(key, version)).sort())
  expect(stale.length).toBeGreaterThan(0)
  // A stale event's handler never ran.
  const ran = new Set(of('start').map((e) => e.id))
  expect(stale.filter((id) => ran.has(id))).toEqual([])
  // Both workers took part.
  expect(new Set(of('start').map((e) => e.worker))).toEqual(new Set(['one', 'two']))
  for (const key of keys) {
    const runs = of('start')
      .filter((e) => e.key === key)
      .map((start) => ({ start, end: of('end').find((e) => e.id === start.id && e.fence === start.fence) }))
      .sort((a, b) => a.start.at - b.start.at)
    // Alone under the key: the running counter saw one handler, and none started before the last ended.
    expect(runs.map((run) => run.start.concurrent)).toEqual(runs.map(() => 1))
    for (let i = 1; i < runs.length; i++)
      expect(runs[i]!.start.at).toBeGreaterThanOrEqual(runs[i - 1]!.end!.at)
    // Applied versions strictly increase, up to the newest, which nothing can make stale.
    const applied = runs.map((run) => run.start.version!)
    expect(applied).toEqual([...new Set(applied)].sort((a, b) => a - b))
    expect(applied.at(-1)).toBe(10)
  }
  for (const { key, version } of events) {
    expect(await client.hget(`{${prefix}}:claim:${provider.name}:${idOf(key, version)}`, 's')).toBe('done')
  }
  expect(Date.now() - started).toBeLessThan(30_000)
  await Promise.all(workers.map(kill))
  await receiver.close()
})

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
