// One target = one adapter serving one real receiver on a loopback port, started through the shared
// adapter drivers (test/adapters/drivers.ts), with everything it says kept by a Capture.
import type { AddressInfo } from 'node:net'
import {
  type CommonProviderOptions,
  createReceiver,
  type Receiver,
  type ReceiverOptions,
  type WebhookEvent,
} from '@hookgate/core'
import { type AnyAdapterOptions, type Driver, drivers } from '../../adapters/drivers.js'
import type { Capture } from './capture.js'
import type { Sender } from './providers.js'

export type { Driver }
export { drivers }

export interface Target {
  adapter: Driver['name']
  port: number
  server: import('node:http').Server
  receiver: Receiver
  /** Every event a handler ran for, in order. */
  handled: WebhookEvent[]
  close(): Promise<void>
}

export interface TargetOptions {
  /** Options of the sender's provider (a clock, a tolerance). */
  providerOptions?: CommonProviderOptions
  receiver?: Partial<ReceiverOptions>
  adapter?: AnyAdapterOptions
}

/** Starts `driver`'s app on a loopback port with a receiver for `sender` whose handler records events. */
export async function startTarget(
  driver: Driver,
  sender: Sender,
  capture: Capture,
  options: TargetOptions = {},
): Promise<Target> {
  const receiver = createReceiver({
    provider: sender.provider(options.providerOptions),
    logger: capture.logger(),
    hooks: capture.hooks(),
    ...options.receiver,
  })
  const handled: WebhookEvent[] = []
  receiver.on('*', async (event) => {
    capture.add('handler', event)
    handled.push(event)
  })
  const listening = await driver.listen(receiver, options.adapter)
  const { port } = listening.server.address() as AddressInfo
  return {
    adapter: driver.name,
    port,
    server: listening.server,
    receiver,
    handled,
    async close() {
      // A stalled client of a failed case must not hold the shutdown.
      listening.server.closeAllConnections()
      await Promise.all([listening.close(), receiver.close({ timeout: '1s' })])
    },
  }
}
