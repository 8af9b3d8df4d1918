import { afterAll, expect, it } from 'vitest'
import { type App, handledKey, startApp } from './fixtures/app.js'
import { type OwnRedis, startOwnRedis } from './fixtures/redis-server.js'
import { completions, deliver, type Sent } from './fixtures/signing.js'

// Redis hangs (SIGSTOP), then dies (SIGKILL) and comes back, under load: deliveries get 503
// store_unavailable within the bound, never a 2xx that is not in Redis, and processing resumes by itself.
const prefix = 'test-redis-outage'
/** The store's default call timeout is 1 s; the answer may take a little longer (HTTP, scheduling). */
const bound = 1_000 + 500

let redis: OwnRedis | undefined
let app: App | undefined
afterAll(async () => {
  redis?.resume()
  await app?.close()
  await redis?.stop()
})

interface Timed extends Sent {
  startedAt: number
}

it('answers 503 within the bound while Redis is down, and resumes by itself', {
  timeout: 60_000,
}, async () => {
  redis = await startOwnRedis()
  // reclaimAfter 3 s: a read cut off by the outage is found among the worker's own pending entries
  // within a second, not the default 20 s.
  app = await startApp({
    redisUrl: redis.url,
    prefix,
    work: true,
    consumer: 'outage-worker',
    reclaimAfter: 3_000,
  })
  const port = app.port

  const sent: Timed[] = []
  let next = 0
  let loading = true
  const unanswered: string[] = []
  const sender = async () => {
    while (loading) {
      const id = unanswered.shift() ?? `evt_${next++}`
      const startedAt = Date.now()
      const result = await deliver(port, id, `d${sent.length}`)
      sent.push({ ...result, startedAt })
      if (result.status !== 202 && result.code !== 'duplicate') unanswered.push(id)
      await sleep(20)
    }
  }
  const senders = Array.from({ length: 4 }, sender)

  const phase = async (name: string, ms: number) => {
    const from = Date.now()
    await sleep(ms)
    return { name, from, to: Date.now() }
  }
  const up1 = await phase('up', 1_500)
  redis.pause()
  const hung = await phase('hung', 3_000)
  redis.resume()
  const up2 = await phase('up after SIGCONT', 2_000)
  await redis.kill()
  const dead = await phase('killed', 2_500)
  await redis.start()
  const up3 = await phase('up after restart', 3_000)
  loading = false
  await Promise.all(senders)

  // While Redis is unreachable every delivery is refused (a request in flight at the switch may go either way).
  const within = (window: { from: number; to: number }) =>
    sent.filter((s) => s.startedAt > window.from + 100 && s.startedAt + s.ms < window.to)
  for (const outage of [hung, dead]) {
    const answers = within(outage)
    expect(answers.length, outage.name).toBeGreaterThan(0)
    expect(
      answers.every((s) => s.status === 503 && s.code === 'store_unavailable'),
      outage.name,
    ).toBe(true)
  }
  // Processing resumed by itself after each outage.
  for (const up of [up1, up2, up3]) {
    expect(
      within(up).some((s) => s.status === 202),
      up.name,
    ).toBe(true)
  }
  // Nothing waits longer than the bound; every answer is a 2xx or a 503 the sender retries.
  expect(Math.max(...sent.map((s) => s.ms))).toBeLessThan(bound)
  expect(
    sent.filter((s) => !(s.status === 202 || s.code === 'duplicate' || s.code === 'store_unavailable')),
  ).toEqual([])

  // Every 2xx was in Redis: each such id gets handled, including those acknowledged before the kill.
  const accepted = new Set(sent.filter((s) => s.status === 202 || s.code === 'duplicate').map((s) => s.id))
  const client = app.client
  let handled = new Map<string, string[]>()
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    handled = completions(await client.lrange(handledKey(prefix), 0, -1))
    if ([...accepted].every((id) => handled.has(id))) break
    await sleep(200)
  }
  console.log('outage test:', {
    deliveries: sent.length,
    accepted202: sent.filter((s) => s.status === 202).length,
    duplicate200: sent.filter((s) => s.code === 'duplicate').length,
    unavailable503: sent.filter((s) => s.status === 503).length,
    slowestAnswerMs: Math.round(Math.max(...sent.map((s) => s.ms))),
    idsAcknowledged: accepted.size,
    idsHandled: handled.size,
    deadLetters: (await app.receiver.deadLetters.list()).length,
  })
  expect([...accepted].filter((id) => !handled.has(id))).toEqual([])
  expect(await app.receiver.deadLetters.list()).toEqual([])
  expect([...handled].filter(([, tags]) => new Set(tags).size > 1)).toEqual([])
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
