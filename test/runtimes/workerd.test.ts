import { createRequire } from 'node:module'
import { stripe } from '@hookgate/core'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { secret } from './fixtures/secret.js'
import { type BundledApp, bundleApp } from './support/bundle.js'
import { miniflareOptions } from './support/hosts.js'
import { describeRuntime } from './support/runtime.js'
import { assertVectors, type VectorReport } from './support/vectors.js'
import { assertTable, requestInit, runDeliveryTable, type Send } from './table.js'

// The binary Miniflare runs: the `workerd` package's, which its postinstall puts in place.
const workerd = (
  createRequire(createRequire(import.meta.url).resolve('miniflare'))('workerd') as { default: string }
).default

describeRuntime(
  {
    name: 'workerd',
    command: workerd,
    install: 'pnpm install must run its postinstall (onlyBuiltDependencies)',
  },
  () => {
    let app: BundledApp
    let mf: Miniflare
    const origin = 'http://127.0.0.1'
    // Miniflare's fetch is undici's, typed apart from the DOM's: the same Request and Response at runtime.
    const send: Send = (delivery) =>
      mf.dispatchFetch(
        `${origin}${delivery.path}`,
        requestInit(delivery) as never,
      ) as unknown as Promise<Response>
    const get = async (path: string) => (await mf.dispatchFetch(`${origin}${path}`)).json()

    beforeAll(async () => {
      app = await bundleApp()
      mf = new Miniflare(miniflareOptions(app.modulePath, app.dir))
      await mf.ready
    }, 60_000)

    afterAll(async () => {
      await mf?.dispose()
      app?.dispose()
    })

    it('runs a bundle built for the browser from the packed packages, with no node: module in it', () => {
      expect(app.inputs.filter((input) => input.startsWith('node:'))).toEqual([])
      expect(app.imports).toEqual([])
      expect(app.inputs).toContain('packs/unpacked/core/dist/index.js')
      expect(app.inputs).toContain('packs/unpacked/fetch/dist/index.js')
      expect(app.inputs.filter((input) => /packages\/(core|fetch)\/(src|dist)\//.test(input))).toEqual([])
    })

    it('passes the delivery table', async () => {
      assertTable(await runDeliveryTable(send), 'workerd')
    })

    it('verifies every known-answer vector on Web Crypto', async () => {
      assertVectors((await get('/vectors')) as VectorReport, 'Web Crypto', 'workerd')
    })

    it("keeps the handler's first attempt alive with ctx.waitUntil: it finishes after the response", async () => {
      const late = await deliverLate('/webhooks/stripe')
      expect(late.listedAtResponse).toBe(false)
      const ran = await handledAt(late.id, 3_000)
      expect(ran).toBeGreaterThanOrEqual(late.answeredAt)
    })

    it('without the context (so without waitUntil) the same handler never finishes: the proof above needs it', async () => {
      const late = await deliverLate('/webhooks/stripe-without-context')
      expect(await handledAt(late.id, 1_500)).toBeUndefined()
    })

    /** A valid delivery whose handler sleeps 300 ms; when it was answered, and whether it was handled by then. */
    async function deliverLate(path: string) {
      const id = `evt_late_${path.length}_${Date.now()}`
      const signed = await stripe({ secret }).sign({
        body: JSON.stringify({ id, type: 'invoice.paid', delayMs: 300 }),
      })
      const response = await send({ path, method: 'POST', headers: signed.headers, body: signed.body })
      const answeredAt = Date.now()
      expect(response.status).toBe(202)
      await response.text()
      const listedAtResponse = (await handled()).some((entry) => entry.id === id)
      return { id, answeredAt, listedAtResponse }
    }

    const handled = async () => (await get('/handled')) as { id: string; at: number }[]

    /** When the Worker's handler finished `id`, polled for up to `timeout` ms; undefined if it never did. */
    async function handledAt(id: string, timeout: number): Promise<number | undefined> {
      const deadline = Date.now() + timeout
      while (Date.now() < deadline) {
        const entry = (await handled()).find((each) => each.id === id)
        if (entry) return entry.at
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      return undefined
    }
  },
)
