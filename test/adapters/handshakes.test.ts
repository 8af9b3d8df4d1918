import { createReceiver } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { cases } from '../../packages/core/test/schemes/handshakes/cases.js'
import { drivers, PATH } from './drivers.js'

const quiet = { info() {}, warn() {}, error() {} }

// Every handshake answered over HTTP exactly as the sender wants, through every adapter: GET and OPTIONS
// reach the receiver, and its status, content type, headers and body arrive untouched.
describe.each(drivers.map((driver) => [driver.name, driver] as const))('%s', (_, driver) => {
  it.each(cases.map((sender) => [sender.name, sender] as const))(
    '%s: every handshake, twice, never reaching a handler',
    async (_name, sender) => {
      const handled = vi.fn()
      const receiver = createReceiver({ provider: sender.provider(), logger: quiet })
      receiver.on('*', handled)
      const client = await driver.mount(receiver)
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
      await receiver.close()
    },
  )
})
