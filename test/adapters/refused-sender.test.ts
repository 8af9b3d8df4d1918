// A body refused while its sender still writes it (413) must not end in a connection reset: many senders
// read the answer only once they have sent everything, and a write that fails first loses it for them.
// Each Node adapter on a real socket, with a raw client that behaves that way.

import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type Driver, drivers, PATH } from './drivers.js'
import { fakeEndpoint } from './fake-endpoint.js'

const kib = 1024
/** Far past the 1 KiB limit, and past what loopback socket buffers absorb, within the discard budget. */
const bodyBytes = 6 * kib * kib

type Framing = 'chunked' | 'content-length'

/**
 * Sends a POST with a `bodyBytes` body as fast as the server takes it, and reads nothing until it has sent
 * all of it: the answer it then reads, or how the connection failed first.
 */
function sendAllThenRead(port: number, framing: Framing): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    let received = ''
    socket.pause()
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(`${error.code} while writing`))
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''))
    const write = (data: string | Buffer) =>
      new Promise<void>((done) => socket.write(data, (error) => (error ? socket.destroy(error) : done())))
    socket.on('connect', async () => {
      const length = framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${bodyBytes}`
      await write(
        `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${length}\r\n\r\n`,
      )
      const block = Buffer.alloc(64 * kib, 'x')
      const piece =
        framing === 'chunked'
          ? Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')])
          : block
      for (let sent = 0; sent < bodyBytes; sent += block.length) await write(piece)
      if (framing === 'chunked') await write('0\r\n\r\n')
      socket.resume()
    })
  })
}

describe.each(drivers)('$name adapter, a sender refused while it writes', (driver: Driver) => {
  let close: (() => Promise<void>) | undefined
  afterEach(async () => {
    await close?.()
    close = undefined
  })

  it.each(['chunked', 'content-length'] as const)('reads the 413 (%s body)', async (framing) => {
    const endpoint = fakeEndpoint(undefined, kib)
    const server = await driver.listen(endpoint)
    close = server.close
    const { port } = server.server.address() as AddressInfo
    expect(await sendAllThenRead(port, framing)).toBe('HTTP/1.1 413 Payload Too Large')
    expect(endpoint.received).toHaveLength(0)
  })
})
