// docs/frameworks/node-http.md: its server on node:http, over a loopback socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, delivery, expectVerifies, loadPage } from './support/deliveries.js'
import { listen } from './support/listen.js'

const {
  page: { server },
  log,
} = await loadPage(() => import('./node-http/server.js'))

describe('http.createServer with the webhook route', () => {
  let serving: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    serving = await listen(server)
  })
  afterAll(() => serving.close())

  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies(fetch, `${serving.url}/webhooks/stripe`, log)
  })

  it('verifies a body that is not valid UTF-8 on its bytes; other paths get 404', async () => {
    const latin1 = await delivery(`${serving.url}/webhooks/stripe?attempt=1`, { invalidUtf8: true })
    expect(await answer(await fetch(latin1.request))).toEqual({ status: 202, code: 'accepted' })
    expect((await fetch(`${serving.url}/other`)).status).toBe(404)
  })
})
