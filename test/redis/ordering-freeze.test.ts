import { createReceiver } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { afterAll, expect, it } from 'vitest'
import { type connectRedis, useRedis } from '../../packages/redis/test/redis.js'
import { type Child, freeze, kill, startWorkerProcess, thaw } from './fixtures/child.js'
import { type OrderingEntry, readOrderingJournal, sendVersion } from './fixtures/ordering.js'
import { provider } from './fixtures/signing.js'

// A worker process frozen (SIGSTOP) while it holds an order key, past the key's lease: another worker takes
// the key with a greater fence and applies a newer version. Thawed (SIGCONT), the frozen one hears it at
// its next renewal: its signal aborts with OrderKeyLostError, it warns, and its event, run again under the
// key, is now stale: reported, never handled. reclaimAfter is long, so only the key changes hands.
const prefix = 'test-redis-ordering-freeze'
const lease = 1_000
let client: Awaited<ReturnType<typeof connectRedis>>
useRedis(prefix, (connected) => {
  client = connected
})

const children: Child[] = []
afterAll(async () => {
  for (const child of children) await kill(child)
})

const worker = async (name: string) => {
  const env = { TEST_PREFIX: prefix, TEST_CONSUMER: name, TEST_LEASE: String(lease), TEST_RECLAIM: '60000' }
  const child = await startWorkerProcess(env, 'test/redis/fixtures/ordering-worker.ts')
  children.push(child)
  return child
}

async function waitFor(done: (entries: OrderingEntry[]) => boolean, ms: number): Promise<OrderingEntry[]> {
  const deadline = Date.now() + ms
  let entries = await readOrderingJournal(client, prefix)
  while (!done(entries) && Date.now() < deadline) {
    await sleep(50)
    entries = await readOrderingJournal(client, prefix)
  }
  return entries
}

const find = (entries: OrderingEntry[], worker: string, what: OrderingEntry['what'], id: string) =>
  entries.filter((e) => e.worker === worker && e.what === what && e.id === id)

it('takes the key of a frozen holder with a greater fence; the thawed one aborts and its event is stale', {
  timeout: 30_000,
}, async () => {
  const started = Date.now()
  const receiver = createReceiver({ provider, ...redis({ client, prefix }) })
  receiver.on('*', () => {}, { id: 'receive-only' })
  const frozen = await worker('frozen')
  expect(await sendVersion(receiver, 'evt_old', { key: 'obj_1', version: 1, holdMs: 20_000 })).toBe(202)
  await waitFor((entries) => find(entries, 'frozen', 'start', 'evt_old').length === 1, 10_000)
  freeze(frozen)
  const frozenAt = Date.now()

  const taker = await worker('taker')
  expect(await sendVersion(receiver, 'evt_new', { key: 'obj_1', version: 2, holdMs: 50 })).toBe(202)
  const taken = await waitFor((entries) => find(entries, 'taker', 'handled', 'evt_new').length === 1, 10_000)
  // It had to wait out the frozen holder's lease on the key.
  expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(lease)
  thaw(frozen)
  const final = await waitFor(
    (entries) => entries.some((e) => e.what === 'stale' && e.id === 'evt_old'),
    10_000,
  )

  const [frozenStart] = find(taken, 'frozen', 'start', 'evt_old')
  const [takerStart] = find(taken, 'taker', 'start', 'evt_new')
  expect(takerStart!.fence).toBeGreaterThan(frozenStart!.fence!)
  expect(find(final, 'frozen', 'aborted', 'evt_old')).toEqual([
    expect.objectContaining({ fence: frozenStart!.fence, note: 'OrderKeyLostError' }),
  ])
  expect(find(final, 'frozen', 'warn', 'evt_old')).toEqual([
    expect.objectContaining({ note: expect.stringContaining('took the order key over') }),
  ])
  // Run again under the key, the old event met the newer version: stale, and never handled.
  expect(final.filter((e) => e.what === 'stale')).toEqual([
    expect.objectContaining({ id: 'evt_old', key: 'obj_1', version: 1 }),
  ])
  expect(final.filter((e) => e.what === 'handled').map((e) => e.id)).toEqual(['evt_new'])
  expect(final.filter((e) => e.what === 'end').map((e) => e.id)).toEqual(['evt_new'])
  for (const id of ['evt_old', 'evt_new'])
    expect(await client.hget(`{${prefix}}:claim:${provider.name}:${id}`, 's')).toBe('done')
  expect(Date.now() - started).toBeLessThan(25_000)

  await Promise.all([kill(frozen), kill(taker)])
  await receiver.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
