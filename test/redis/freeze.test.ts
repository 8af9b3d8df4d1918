import { createReceiver } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { afterAll, expect, it } from 'vitest'
import { type connectRedis, useRedis } from '../../packages/redis/test/redis.js'
import { type Child, freeze, kill, startWorkerProcess, thaw } from './fixtures/child.js'
import { freezeTimings, type JournalEntry, journalKey, readJournal } from './fixtures/freezing.js'
import { provider } from './fixtures/signing.js'

// A worker process frozen (SIGSTOP) while its handlers run, for longer than reclaimAfter: another worker
// takes its jobs over and completes them. Thawed (SIGCONT), the frozen one must not complete them too. Its
// handlers that still run hear it at the next renewal (their signal aborts); the one whose work ended while
// it was frozen finishes at once, and its completion is refused. Either way it warns and reports the lost
// claim. One completion per id, and the new holder wrote with a greater fence.
const prefix = 'test-redis-freeze'
/** How long each delivery's handler runs on the frozen worker: two past the thaw, one ending during the freeze. */
const holds = { evt_frozen_0: 20_000, evt_frozen_1: 20_000, evt_frozen_2: 1_000 }
const ids = Object.keys(holds)
let client: Awaited<ReturnType<typeof connectRedis>>
useRedis(prefix, (connected) => {
  client = connected
})

const children: Child[] = []
afterAll(async () => {
  for (const child of children) await kill(child)
})

const worker = async (name: string, holdMs: number) => {
  const env = { TEST_PREFIX: prefix, TEST_CONSUMER: name, TEST_HOLD_MS: String(holdMs) }
  const child = await startWorkerProcess(env, 'test/redis/fixtures/freeze-worker.ts')
  children.push(child)
  return child
}

const journal = async () => readJournal(await client.lrange(journalKey(prefix), 0, -1))
const of = (entries: JournalEntry[], worker: string, what: JournalEntry['what']) =>
  entries.filter((e) => e.worker === worker && e.what === what)
const fenceOf = (entries: JournalEntry[], id: string) => new Map(entries.map((e) => [e.id, e.fence])).get(id)

/** Polls the journal until `done` holds, for at most `ms`. */
async function waitFor(done: (entries: JournalEntry[]) => boolean, ms: number): Promise<JournalEntry[]> {
  const deadline = Date.now() + ms
  let entries = await journal()
  while (!done(entries) && Date.now() < deadline) {
    await sleep(50)
    entries = await journal()
  }
  return entries
}

it('completes each id once when a worker freezes past reclaimAfter and another takes over', {
  timeout: 30_000,
}, async () => {
  const started = Date.now()
  // The taker's handlers end at once.
  const frozen = await worker('frozen', 20_000)
  const receiver = createReceiver({
    provider,
    ...redis({ client, prefix }),
    lease: freezeTimings.lease,
  })
  // Only receives (no work()); a type with no handler would be ignored, not accepted.
  receiver.on('*', () => {}, { id: 'journal' })
  for (const [id, holdMs] of Object.entries(holds)) {
    const body = JSON.stringify({ type: 'test.event', data: { id, holdMs } })
    const signed = await provider.sign({ body, id })
    expect((await receiver.receive({ method: 'POST', headers: signed.headers, body })).status).toBe(202)
  }
  await waitFor((entries) => of(entries, 'frozen', 'start').length === ids.length, 10_000)
  freeze(frozen)
  const frozenAt = Date.now()

  const taker = await worker('taker', 50)
  const taken = await waitFor((entries) => of(entries, 'taker', 'handled').length === ids.length, 10_000)
  expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(freezeTimings.reclaimAfter)
  thaw(frozen)
  const entries = await waitFor((all) => of(all, 'frozen', 'lost').length === ids.length, 5_000)
  // Whatever the frozen one would still do, it does at its next renewal tick, a third of a lease after.
  await sleep(freezeTimings.lease)
  const final = await journal()

  // One completion per id, by the worker that took over.
  expect(
    of(taken, 'taker', 'handled')
      .map((e) => e.id)
      .sort(),
  ).toEqual(ids)
  expect(final.filter((e) => e.what === 'handled')).toHaveLength(ids.length)
  for (const id of ids) {
    expect(await client.hget(`{${prefix}}:claim:${provider.name}:${id}`, 's')).toBe('done')
    // The taker held a greater fence than the frozen holder, so a fenced write of the frozen one fails.
    const frozenFence = fenceOf(of(entries, 'frozen', 'start'), id)
    const takerFence = fenceOf(of(entries, 'taker', 'start'), id)
    expect(frozenFence).toBeTypeOf('number')
    expect(takerFence).toBeGreaterThan(frozenFence!)
    // The frozen holder found out: a handler still running had its signal aborted; one that had ended
    // was refused its completion. Either way it warned, and onClaimLost fired.
    const [aborted, ended] = [of(final, 'frozen', 'aborted'), of(final, 'frozen', 'end')]
    if (holds[id as keyof typeof holds] > 10_000) {
      expect(aborted.filter((e) => e.id === id)).toEqual([
        { worker: 'frozen', what: 'aborted', id, fence: frozenFence, note: 'ClaimLostError' },
      ])
    } else {
      expect(ended.filter((e) => e.id === id)).toEqual([
        { worker: 'frozen', what: 'end', id, fence: frozenFence },
      ])
    }
    expect(of(final, 'frozen', 'lost').filter((e) => e.id === id)).toEqual([
      { worker: 'frozen', what: 'lost', id, fence: frozenFence },
    ])
    expect(of(final, 'frozen', 'warn').filter((e) => e.id === id)).toEqual([
      expect.objectContaining({ fence: frozenFence, note: expect.stringContaining('took the claim over') }),
    ])
  }
  expect(of(final, 'frozen', 'handled')).toEqual([])
  expect(of(final, 'taker', 'lost')).toEqual([])
  expect(Date.now() - started).toBeLessThan(25_000)

  await Promise.all([kill(frozen), kill(taker)])
  await receiver.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
