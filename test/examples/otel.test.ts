// examples/otel: the OpenTelemetry Node SDK with the Prometheus exporter. CI starts it as a user would
// (`pnpm start`), sends a burst of signed deliveries, scrapes /metrics and checks the counts.
import { stripe } from '@hookgate/core'
import { afterEach, expect, it } from 'vitest'
import { type RunningExample, startExample } from '../support/start-example.js'

const secret = 'whsec_examples_otel_test'
let running: RunningExample | undefined
afterEach(async () => {
  await running?.stop()
  running = undefined
})

/** The sum of a Prometheus metric's samples whose labels include every `label="value"` given. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)
}

it('exposes the delivery counts on /metrics after a burst', { timeout: 60_000 }, async () => {
  running = await startExample(
    'otel',
    { STRIPE_WEBHOOK_SECRET: secret },
    { viaPnpm: true, readyTimeoutMs: 20_000 },
  )
  const url = `${running.url}/webhooks/stripe`
  const send = async (id: string, type: string, signWith = secret) => {
    const body = JSON.stringify({ id, type, data: { object: {} } })
    const signed = await stripe({ secret: signWith }).sign({ body })
    return (await fetch(url, { method: 'POST', headers: signed.headers, body })).status
  }
  const run = Date.now().toString(36)
  const statuses = [
    await send(`evt_${run}_1`, 'invoice.paid'),
    await send(`evt_${run}_2`, 'invoice.paid'),
    await send(`evt_${run}_3`, 'invoice.paid'),
    await send(`evt_${run}_1`, 'invoice.paid'), // the provider's retry: a duplicate
    await send(`evt_${run}_4`, 'invoice.paid', 'whsec_forged'),
    await send(`evt_${run}_5`, 'customer.created'), // fails once, then succeeds
  ]
  expect(statuses).toEqual([202, 202, 202, 200, 401, 202])
  await running.waitFor(new RegExp(`handled customer\\.created evt_${run}_5`), 10_000)

  const metrics = await (await fetch(`${running.url}/metrics`)).text()
  const provider = { hookgate_provider: 'stripe' }
  expect({
    accepted: sample(metrics, 'hookgate_deliveries_total', {
      ...provider,
      hookgate_outcome_code: 'accepted',
    }),
    duplicates: sample(metrics, 'hookgate_duplicates_total', provider),
    forged: sample(metrics, 'hookgate_rejections_total', { hookgate_outcome_code: 'invalid_signature' }),
    retries: sample(metrics, 'hookgate_retries_total', { hookgate_event_type: 'customer.created' }),
    handled: sample(metrics, 'hookgate_delivery_latency_count', provider),
    receives: sample(metrics, 'hookgate_receive_duration_count', provider),
    depth: sample(metrics, 'hookgate_queue_depth', provider),
  }).toEqual({ accepted: 4, duplicates: 1, forged: 1, retries: 1, handled: 4, receives: 6, depth: 0 })
  expect(metrics).toContain('# HELP hookgate_deliveries_total')
})
