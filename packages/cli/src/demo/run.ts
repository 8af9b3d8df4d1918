import type { AddressInfo } from 'node:net'
import type { Provider, SignedRequest } from '@hookgate/core'
import { findProvider, type ProviderProfile } from '../providers.js'
import type { Delivery } from '../send/plan.js'
import { sampleBody } from '../send/plan.js'
import { type DeliveryResult, post, signDelivery } from '../send/post.js'
import { createDemoApp, demoSecrets } from './app.js'
import { type HandlerRun, Journal } from './journal.js'
import { type DemoStep, demoScript } from './script.js'

/** One step of the demo and what became of it. */
export interface DemoRow {
  step: DemoStep
  result: DeliveryResult
  /** What the handlers did with the event (accepted events only). */
  runs: readonly HandlerRun[]
}

export interface DemoRun {
  url: string
  rows: DemoRow[]
}

/** Handlers run after the 2xx: how long the demo waits for them (the retry takes ~100-200 ms). */
const handlerDeadlineMs = 5_000

/**
 * Starts the example receiver on an ephemeral loopback port, sends it the scripted burst one request at a
 * time (so the report reads in order and every answer is deterministic), waits for the handlers, stops.
 */
export async function runDemo(script: readonly DemoStep[] = demoScript): Promise<DemoRun> {
  const journal = new Journal()
  const demo = createDemoApp(journal)
  const server = demo.app.listen(0, '127.0.0.1')
  try {
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const bodies = new Map<string, string>()
    const results: DeliveryResult[] = []
    for (const [index, step] of script.entries()) {
      const profile = findProvider(step.provider)!
      const delivery = deliveryOf(step, index + 1, profile, bodies)
      const target = `${url}/webhooks/${step.provider}`
      const signed = await signStep(step, profile, target, delivery)
      results.push(await post(target, signed, delivery, { timeoutMs: 5_000 }))
    }
    const accepted = results.filter((result) => result.code === 'accepted').map((result) => result.id)
    await journal.waitFor(accepted, handlerDeadlineMs)
    await demo.close()
    return {
      url,
      rows: script.map((step, i) => ({ step, result: results[i]!, runs: journal.runs(step.id) })),
    }
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

function deliveryOf(
  step: DemoStep,
  seq: number,
  profile: ProviderProfile,
  bodies: Map<string, string>,
): Delivery {
  let body = bodies.get(step.id)
  const copy = body === undefined ? 0 : 1
  if (body === undefined) {
    body = sampleBody(profile, step.type, step.id, Math.floor(Date.now() / 1000)).body
    bodies.set(step.id, body)
  }
  return {
    seq,
    id: step.id,
    type: step.type,
    body: step.body ? step.body(body) : body,
    contentType: 'application/json',
    copy,
  }
}

async function signStep(
  step: DemoStep,
  profile: ProviderProfile,
  url: string,
  delivery: Delivery,
): Promise<SignedRequest> {
  const provider: Provider = profile.provider(
    step.forged ? 'not-the-receivers-secret' : demoSecrets[step.provider],
  )
  const timestamp = step.ageSeconds ? Math.floor(Date.now() / 1000) - step.ageSeconds : undefined
  const signed = await signDelivery(provider, url, delivery, timestamp)
  if (!step.header) return signed
  const [name, value] = step.header
  const headers = Object.fromEntries(
    Object.entries(signed.headers).filter(([key]) => key.toLowerCase() !== name),
  )
  if (value !== undefined) headers[name] = value
  return { ...signed, headers }
}
