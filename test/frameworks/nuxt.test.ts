// docs/frameworks/nuxt.md: the page's server route and middleware mounted on real h3 v1 (what Nuxt 4 and
// Nitro 2 run) as Nitro mounts them, middleware first, served by node:http.
import http from 'node:http'
import { createApp, createRouter, type EventHandler, toNodeListener } from 'h3'
import { describe, expect, it } from 'vitest'
import { answer, delivery, expectVerifies, loadPage } from './support/deliveries.js'
import { listen } from './support/listen.js'

const {
  page: [{ default: stripeRoute }, { default: afterMiddlewareRoute }, { default: logBody }],
  log,
} = await loadPage(() =>
  Promise.all([
    import('./nuxt/server/routes/webhooks/stripe.js'),
    import('./nuxt/server/routes/webhooks/stripe-after-middleware.js'),
    import('./nuxt/server/middleware/log-body.js'),
  ]),
)

/** A Nitro-like app: the server middleware (if any), then the route at its file's path. */
async function nitro(route: EventHandler, middleware?: EventHandler) {
  const app = createApp()
  if (middleware) app.use(middleware)
  app.use(createRouter().use('/webhooks/stripe', route))
  return listen(http.createServer(toNodeListener(app)))
}

describe('server/routes/webhooks/stripe.ts with @hookgate/node', () => {
  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    const server = await nitro(stripeRoute)
    try {
      await expectVerifies(fetch, `${server.url}/webhooks/stripe`, log)
    } finally {
      await server.close()
    }
  })

  it('behind a middleware that read the body: 500 raw_body_unavailable, never a 401', async () => {
    const server = await nitro(stripeRoute, logBody)
    try {
      const sent = await delivery(`${server.url}/webhooks/stripe`)
      expect(await answer(await fetch(sent.request))).toEqual({ status: 500, code: 'raw_body_unavailable' })
    } finally {
      await server.close()
    }
  })
})

describe('behind that middleware, toWebRequest(event) with @hookgate/fetch', () => {
  it('gets the exact bytes h3 kept, a byte that is not UTF-8 included', async () => {
    const server = await nitro(afterMiddlewareRoute, logBody)
    try {
      await expectVerifies(fetch, `${server.url}/webhooks/stripe`, log)
      const latin1 = await delivery(`${server.url}/webhooks/stripe`, { invalidUtf8: true })
      expect(await answer(await fetch(latin1.request))).toEqual({ status: 202, code: 'accepted' })
    } finally {
      await server.close()
    }
  })
})
