// docs/frameworks/react-router.md: its resource route's action called as React Router 7 (and Remix) call
// one, with the request, body unread. The framework itself is not started: its build needs Vite.
import { describe, it } from 'vitest'
import { expectVerifies, loadPage } from './support/deliveries.js'

const { page: route, log } = await loadPage(() => import('./react-router/app/routes/webhooks.stripe.js'))

describe('app/routes/webhooks.stripe.ts', () => {
  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies(
      (request) => route.action({ request }),
      'https://app.example.com/webhooks/stripe',
      log,
    )
  })
})
