// A burst of 20,000 deliveries at one receiver whose handlers take 50 ms. The sender is in this process
// and calls `receive()` (what an adapter calls), so the burst really outruns the handlers on any machine;
// a POST over a loopback socket meanwhile shows the same refusal as a sender's HTTP client sees it.
// What is accepted stays bounded by `maxPending`, so the heap does too; every 2xx'd delivery is handled;
// every refused one got 503 `queue_full` with Retry-After and succeeds on the sender's retry.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createReceiver, type Outcome, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/node'
import { afterAll, beforeAll, expect, it } from 'vitest'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const secret = 'whsec_burst_test'
const deliveries = 20_000
/** Each body carries this much padding: unbounded, the queue would hold 80 MB of bodies. */
const padding = 'x'.repeat(4 * 1024)
const maxPending = 1_000
/**
 * Live heap growth allowed: the 1,000 pending bodies (4 MB) and their jobs and events, with room. Measured
 * here: about 23 MB bounded, and about 190 MB with `maxPending` out of the way (100,000).
 */
const heapBound = 48 * 1024 * 1024
const senders = 64

const handled = new Set<string>()
const receiver = createReceiver({
  provider: stripe({ secret }),
  maxPending,
  concurrency: 100,
  logger: { info() {}, warn() {}, error() {} },
})
receiver.on('invoice.paid', async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 50))
  handled.add(event.id!)
})

let server: Server
let url: string
beforeAll(async () => {
  server = createServer(hookgate(receiver))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`
})
afterAll(async () => {
  await receiver.close()
  await new Promise((resolve) => server.close(resolve))
})

const provider = stripe({ secret })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Tally {
  refused: number
}

/**
 * One delivery, sent until it is accepted. A refusal is retried after its Retry-After, spread by a random
 * factor of 0.5 to 1.5 as providers' schedules are, so the retries do not all land in the same instant.
 */
async function send(id: string, tally: Tally): Promise<void> {
  const body = JSON.stringify({ id, type: 'invoice.paid', data: { padding } })
  // Signed once: a retry within Stripe's 5-minute tolerance may carry the same signature.
  const { headers } = await provider.sign({ body })
  for (let attempt = 1; attempt <= 30; attempt++) {
    const outcome: Outcome = await receiver.receive({
      method: 'POST',
      url: '/webhooks/stripe',
      headers,
      body,
    })
    if (outcome.status === 202) return
    expect([outcome.status, outcome.code]).toEqual([503, 'queue_full'])
    tally.refused++
    const retryAfter = Number(outcome.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    await sleep(retryAfter * 1000 * (0.5 + Math.random()))
  }
  throw new Error(`${id} was never accepted in 30 attempts`)
}

/**
 * Over a real socket while the burst runs: fresh deliveries until one is refused, which is then what an
 * HTTP client sees. Those accepted instead are counted, since they must be handled too.
 */
async function probeOverHttp(done: () => boolean): Promise<{ refused?: Response; accepted: number }> {
  let accepted = 0
  for (let i = 0; !done(); i++) {
    const body = JSON.stringify({ id: `evt_probe_${i}`, type: 'invoice.paid', data: {} })
    const res = await fetch(url, { method: 'POST', headers: (await provider.sign({ body })).headers, body })
    if (res.status === 503) return { refused: res, accepted }
    expect(res.status).toBe(202)
    accepted++
    await sleep(20)
  }
  return { accepted }
}

function liveHeap(): number {
  gc()
  const { heapUsed, external } = process.memoryUsage()
  return heapUsed + external
}

it('bounds the heap, hands off every 2xx, and has the sender retry every 503', async () => {
  const baseline = liveHeap()
  let peak = 0
  const sampler = setInterval(() => {
    peak = Math.max(peak, liveHeap() - baseline)
  }, 250)
  const tally: Tally = { refused: 0 }
  let next = 0
  const sender = async () => {
    while (next < deliveries) await send(`evt_burst_${next++}`, tally)
  }
  let probe: Awaited<ReturnType<typeof probeOverHttp>>
  try {
    ;[probe] = await Promise.all([
      probeOverHttp(() => next >= deliveries),
      ...Array.from({ length: senders }, sender),
    ])
    const deadline = Date.now() + 30_000
    while (handled.size < deliveries + probe.accepted && Date.now() < deadline) await sleep(50)
  } finally {
    clearInterval(sampler)
  }
  expect(handled.size).toBe(deliveries + probe.accepted)
  expect(tally.refused).toBeGreaterThan(0)
  const http = probe.refused!
  expect([http.status, http.headers.get('retry-after'), ((await http.json()) as Outcome).code]).toEqual([
    503,
    '5',
    'queue_full',
  ])
  expect(peak).toBeLessThan(heapBound)
}, 90_000)
