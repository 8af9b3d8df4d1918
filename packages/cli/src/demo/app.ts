import { createReceiver, github, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/express'
import express, { type Express } from 'express'
import type { Journal } from './journal.js'

/** The demo's secrets: public on purpose, they only ever sign requests to a loopback port of this process. */
export const demoSecrets = { stripe: 'whsec_hookgate_demo_only', github: 'hookgate-demo-only' } as const

/** Handlers fail on the first attempt of events this says so, to show a retry. */
const flaky = new Set(['customer.created'])

/**
 * The example receiver of the demo, as a user would write it: Express, `@hookgate/express`, the default
 * memory store, a handler or two per provider. Retries are fast so the demo shows one within a second.
 */
export interface DemoApp {
  app: Express
  /** Stops accepting and drains running handlers. */
  close(): Promise<void>
}

export function createDemoApp(journal: Journal): DemoApp {
  // The report tells what happened; the receivers' own warnings (the retried handler) would only repeat it.
  const quiet = { info() {}, warn() {}, error() {} }
  const options = { retry: { attempts: 3, baseDelay: '100ms', maxDelay: '200ms' }, logger: quiet } as const
  const stripeReceiver = createReceiver({ provider: stripe({ secret: demoSecrets.stripe }), ...options })
  const githubReceiver = createReceiver({ provider: github({ secret: demoSecrets.github }), ...options })

  const handler =
    (name: string) =>
    async (event: { id: string | undefined; type: string }, ctx: { attempt: number }): Promise<void> => {
      const run = { handler: name, attempt: ctx.attempt }
      if (flaky.has(event.type) && ctx.attempt === 1) {
        journal.record(event.id ?? '', { ...run, error: 'CRM timed out' })
        throw new Error('CRM timed out')
      }
      journal.record(event.id ?? '', run)
    }
  stripeReceiver.on('invoice.paid', handler('record-payment'))
  stripeReceiver.on('customer.created', handler('sync-to-crm'))
  githubReceiver.on('push', handler('start-build'))

  const app = express()
  app.post('/webhooks/stripe', hookgate(stripeReceiver))
  app.post('/webhooks/github', hookgate(githubReceiver))
  return {
    app,
    close: async () => {
      await Promise.all([stripeReceiver.close(), githubReceiver.close()])
    },
  }
}
