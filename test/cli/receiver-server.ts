import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WebhookEndpoint } from '@hookgate/core'

/**
 * A bare node:http server in front of a receiver: the least an adapter does (raw bytes in, outcome out),
 * so `send` is tested against `receive()` itself as well as against the framework examples.
 */
export async function serve(receiver: WebhookEndpoint): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const url = `http://${request.headers.host}${request.url}`
    const outcome = await receiver.receive({
      method: request.method,
      url,
      headers: request.headers,
      body: Buffer.concat(chunks),
    })
    response.writeHead(outcome.status, outcome.headers).end(outcome.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
