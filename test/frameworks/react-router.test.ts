// docs/frameworks/react-router.md: its resource route's action called as React Router 7 (and Remix) call
// one, with the request, body unread. The framework itself is not started: its build needs Vite.
import { afterAll, describe, it } from 'vitest'
import { consoleLog, expectVerifies, loadWithSecret } from './support/deliveries.js'

const log = consoleLog()
const route = await loadWithSecret(() => import('./react-router/app/routes/webhooks.stripe.js'))
const { receiver } = await import('./receiver.js')
afterAll(() => receiver.close())

describe('app/routes/webhooks.stripe.ts', () => {
  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies(
      (request) => route.action({ request }),
      'https://app.example.com/webhooks/stripe',
      log,
    )
  })
})
