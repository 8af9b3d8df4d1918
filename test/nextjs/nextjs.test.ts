// The Next.js proof: examples/nextjs is built (`next build`, Turbopack) and served (`next start`) as in
// production, then the shared delivery table goes through its App Router route (@hookgate/fetch) and its
// Pages Router route (@hookgate/node), and a route that reads the body first gets the fix-it answer.
// One build per run. A missing `next` fails the run, in CI and out of it: it is a dependency of the example.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { stripe } from '@hookgate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secret } from '../runtimes/fixtures/secret.js'
import { assertTable, runDeliveryTable } from '../runtimes/table.js'
import { type RunningExample, startExample } from '../support/start-example.js'

const app = fileURLToPath(new URL('../../examples/nextjs/', import.meta.url))
const next = `${app}node_modules/.bin/next`
const env = { STRIPE_WEBHOOK_SECRET: secret, NEXT_TELEMETRY_DISABLED: '1' }

/** Runs `next build` in its own process group, killed whole if it outlasts `timeoutMs`. */
function nextBuild(timeoutMs: number): Promise<void> {
  const child = spawn(next, ['build'], {
    cwd: app,
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const append = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout.on('data', append)
  child.stderr.on('data', append)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      reject(new Error(`next build took over ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`next build exited with ${code}:\n${output}`))
    })
  })
}

describe('examples/nextjs on next build + next start', () => {
  let server: RunningExample | undefined
  let url = ''
  const post = (path: string, init: { headers: Record<string, string>; body: string }) =>
    fetch(`${url}${path}`, { method: 'POST', ...init, signal: AbortSignal.timeout(10_000) })

  beforeAll(async () => {
    if (!existsSync(next))
      throw new Error(`${next} is missing: run pnpm install (next is a dependency of examples/nextjs)`)
    await nextBuild(90_000)
    server = await startExample('nextjs', env, { viaPnpm: true, ready: /Ready in/, readyTimeoutMs: 20_000 })
    url = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1] ?? ''
    expect(url, server.output()).not.toBe('')
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  })

  it('passes the delivery table through the App Router route (@hookgate/fetch)', async () => {
    assertTable(await runDeliveryTable(url, { path: '/api/webhooks/stripe' }), 'Next.js App Router')
    await server!.waitFor(/handled invoice\.paid evt_\S+_valid\b/)
  })

  it('passes the delivery table through the Pages Router route (@hookgate/node, bodyParser off)', async () => {
    assertTable(await runDeliveryTable(url, { path: '/api/webhooks/stripe-pages' }), 'Next.js Pages Router')
    await server!.waitFor(/(handled invoice\.paid evt_\S+_valid\b[\s\S]*){2}/)
  })

  it('has one receiver per server process: a delivery the App Router took is a duplicate on the Pages Router', async () => {
    const body = JSON.stringify({ id: `evt_both_routers_${Date.now()}`, type: 'invoice.paid', data: {} })
    const signed = await stripe({ secret }).sign({ body })
    expect((await post('/api/webhooks/stripe', { headers: signed.headers, body })).status).toBe(202)
    const again = await post('/api/webhooks/stripe-pages', { headers: signed.headers, body })
    expect([again.status, (await again.json()).code]).toEqual([200, 'duplicate'])
  })

  it('answers a body the route read first with raw_body_unavailable and how to fix it, never 401', async () => {
    const body = JSON.stringify({ id: `evt_read_first_${Date.now()}`, type: 'invoice.paid', data: {} })
    const signed = await stripe({ secret }).sign({ body })
    const res = await post('/api/webhooks/body-read-first', { headers: signed.headers, body })
    const answer = (await res.json()) as { code: string; message: string }
    expect([res.status, answer.code]).toEqual([500, 'raw_body_unavailable'])
    expect(answer.message).toMatch(/already read.*Next\.js/s)
  })
})
