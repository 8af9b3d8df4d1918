import { afterAll, expect, it } from 'vitest'
import { connectRedis, wipe } from '../../packages/redis/test/redis.js'
import { handledKey } from './fixtures/app.js'
import { type Child, kill, startWorkerProcess } from './fixtures/child.js'
import { completions, deliver, type Sent } from './fixtures/signing.js'

// A receiver + worker process under steady load of signed deliveries (a third of them duplicates), killed
// with SIGKILL at random moments and restarted. Every delivery answered 2xx must be handled; no id may be
// handled for two different deliveries.
const prefix = 'test-redis-crash'
const loadMs = 12_000
const kills = 5
const senders = 6

const children: Child[] = []
afterAll(async () => {
  for (const child of children) await kill(child)
})

it('loses nothing acknowledged and completes no id twice across SIGKILLs', { timeout: 60_000 }, async () => {
  const redis = await connectRedis()
  await wipe(redis, prefix)
  const env = { TEST_PREFIX: prefix, TEST_CONSUMER: 'crash-worker' }
  let current = await startWorkerProcess(env)
  children.push(current)

  const sent: Sent[] = []
  const ids: string[] = []
  let tags = 0
  const stopAt = Date.now() + loadMs
  // Like a provider: a delivery not answered 2xx is sent again later, until the load stops.
  const unanswered: string[] = []
  const sender = async () => {
    while (Date.now() < stopAt) {
      const retry = unanswered.shift()
      // A third of the rest are duplicates of a recent id.
      const duplicate = retry === undefined && ids.length > 0 && Math.random() < 1 / 3
      const id =
        retry ?? (duplicate ? (ids[Math.floor(Math.random() * ids.length)] ?? '') : `evt_${ids.length}`)
      if (retry === undefined && !duplicate) ids.push(id)
      const result = await deliver(current.port, id, `d${++tags}`)
      sent.push(result)
      if (result.status === 'error' || result.status >= 500) {
        unanswered.push(id)
        await sleep(100)
      }
    }
  }
  const killer = async () => {
    for (let i = 0; i < kills; i++) {
      await sleep(500 + Math.random() * (loadMs / kills - 1_500))
      await kill(current)
      current = await startWorkerProcess(env) // same consumer name: resumes its own pending jobs
      children.push(current)
    }
  }
  await Promise.all([killer(), ...Array.from({ length: senders }, sender)])

  const accepted = new Set(
    sent.filter((s) => typeof s.status === 'number' && s.status < 300).map((s) => s.id),
  )
  let handled = new Map<string, string[]>()
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    handled = completions(await redis.lrange(handledKey(prefix), 0, -1))
    if ([...accepted].every((id) => handled.has(id))) break
    await sleep(200)
  }

  const unhandled = [...accepted].filter((id) => !handled.has(id))
  const twoDeliveries = [...handled].filter(([, tagsOf]) => new Set(tagsOf).size > 1)
  const reruns = [...handled].filter(([, tagsOf]) => tagsOf.length > 1).length
  const counts = {
    deliveries: sent.length,
    ids: ids.length,
    kills,
    answered2xx: sent.filter((s) => typeof s.status === 'number' && s.status < 300).length,
    accepted202: sent.filter((s) => s.status === 202).length,
    duplicate200: sent.filter((s) => s.code === 'duplicate').length,
    unavailable503: sent.filter((s) => s.status === 503).length,
    noAnswer: sent.filter((s) => s.status === 'error').length,
    idsAcknowledged: accepted.size,
    idsHandled: handled.size,
    idsUnhandled: unhandled.length,
    idsHandledForTwoDeliveries: twoDeliveries.length,
    sameJobRerunAfterKill: reruns,
  }
  console.log('crash test:', JSON.stringify(counts, null, 2))

  expect(sent.filter((s) => s.code === 'duplicate').length).toBeGreaterThan(0)
  expect(counts.noAnswer).toBeGreaterThan(0) // the kills did land mid-load
  expect(unhandled).toEqual([])
  expect(twoDeliveries).toEqual([])
  // At-least-once: a job runs again only if a kill fell between its handler's end and the completion of
  // its id, so each kill re-runs at most the jobs that were running (the receiver's concurrency, 16).
  expect(reruns).toBeLessThanOrEqual(kills * 16)

  await wipe(redis, prefix)
  redis.disconnect()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
