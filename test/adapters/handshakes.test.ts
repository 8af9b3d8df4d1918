import { createReceiver, type WebhookEndpoint } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { cases } from '../../packages/core/test/schemes/handshakes/cases.js'
import { type Client, everyAdapter, PATH, socketClient } from './drivers.js'

const quiet = { info() {}, warn() {}, error() {} }

// Each adapter as its framework's own test client calls it, and over a real loopback socket (the Node
// handler runs only on one, so its mount is already the socket).
type Connect = (endpoint: WebhookEndpoint) => Promise<Client>
const ways = everyAdapter.flatMap((driver): [string, Connect][] => {
  const onSocket: Connect = async (endpoint) => socketClient(await driver.listen(endpoint))
  if (driver.name === 'node') return [['node on a socket', onSocket]]
  return [
    [`${driver.name} in process`, (endpoint) => driver.mount(endpoint)],
    [`${driver.name} on a socket`, onSocket],
  ]
})

// Every handshake answered over HTTP exactly as the sender wants, through every adapter: GET and OPTIONS
// reach the receiver, and its status, content type, headers and body arrive untouched.
describe.each(ways)('%s', (_, connect) => {
  it.each(cases.map((sender) => [sender.name, sender] as const))(
    '%s: every handshake, twice, never reaching a handler',
    async (_name, sender) => {
      const handled = vi.fn()
      const receiver = createReceiver({ provider: sender.provider(), logger: quiet })
      receiver.on('*', handled)
      const client = await connect(receiver)
      try {
        for (const { what, request, answer } of await sender.handshakes()) {
          for (const attempt of [1, 2]) {
            const response = await client.send({
              method: request.method,
              path: PATH + (request.query ?? ''),
              headers: request.headers,
              ...(request.body === '' ? {} : { body: request.body }),
            })
            expect([what, attempt, response.status, response.body]).toEqual([
              what,
              attempt,
              answer.status,
              answer.body,
            ])
            expect(response.headers).toMatchObject(answer.headers)
          }
        }
        expect(handled).not.toHaveBeenCalled()
      } finally {
        await client.close?.()
        await receiver.close()
      }
    },
  )
})
