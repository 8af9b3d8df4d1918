// Each adapter on a real loopback socket: what in-process drivers cannot show (slow senders, lying
// Content-Length, bodies that never end, senders that hang up).
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { type Driver, drivers, PATH } from './drivers.js'
import { fakeEndpoint } from './fake-endpoint.js'

interface Answer {
  status: number
  headers: IncomingMessage['headers']
  body: string
}

/** Opens a POST and lets the test decide how (and whether) the body is written. */
function post(
  url: string,
  headers: Record<string, string>,
  write: (req: ReturnType<typeof httpRequest>) => void,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(`${url}${PATH}`, { method: 'POST', headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    // The server may close while we still write (that is the point of some tests): only the answer matters.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    write(req)
  })
}

describe.each(drivers)('$name adapter on a real socket', (driver: Driver) => {
  let close: (() => Promise<void>) | undefined
  afterEach(async () => {
    await close?.()
    close = undefined
  })

  async function start(maxBodyBytes = 1024, bodyTimeout = 200) {
    const endpoint = fakeEndpoint(undefined, maxBodyBytes)
    const server = await driver.listen(endpoint, { bodyTimeout })
    close = server.close
    return { endpoint, url: server.url }
  }

  it('receives a delivery and answers with the outcome', async () => {
    const { endpoint, url } = await start()
    const res = await fetch(`${url}${PATH}?a=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"evt_1"}',
    })
    expect(res.status).toBe(202)
    expect(await res.text()).toBe('{"code":"accepted"}')
    expect(new TextDecoder().decode(endpoint.received[0]?.body)).toBe('{"id":"evt_1"}')
    expect(endpoint.received[0]?.url).toBe(`${url}${PATH}?a=1`)
  })

  it('answers 413 and closes the connection when a chunked body outgrows the limit', async () => {
    const { endpoint, url } = await start(64)
    const res = await post(url, { 'content-type': 'application/json' }, (req) => {
      // A body that would never end: the server must stop it, not buffer it.
      const timer = setInterval(() => req.write('x'.repeat(32)), 5)
      req.on('close', () => clearInterval(timer))
    })
    expect(res.status).toBe(413)
    expect(res.headers.connection).toBe('close')
    expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large' })
    expect(endpoint.received).toHaveLength(0)
  })

  it('answers 413 from a declared Content-Length alone, without waiting for the body', async () => {
    const { endpoint, url } = await start(64)
    const res = await post(url, { 'content-type': 'application/json', 'content-length': '100000' }, (req) => {
      req.write('{')
    })
    expect(res.status).toBe(413)
    expect(endpoint.received).toHaveLength(0)
  })

  it('answers 408 when the body stalls (Content-Length larger than what is sent)', async () => {
    const { endpoint, url } = await start(1024, 150)
    const started = Date.now()
    const res = await post(url, { 'content-type': 'application/json', 'content-length': '50' }, (req) => {
      req.write('{"id":')
    })
    expect(res.status).toBe(408)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'request_timeout' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(endpoint.received).toHaveLength(0)
  })

  it('drops a sender that hangs up mid-body and keeps serving', async () => {
    const { endpoint, url } = await start()
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${url}${PATH}`, {
        method: 'POST',
        agent: false,
        headers: { 'content-length': '50' },
      })
      req.on('error', () => resolve())
      req.write('{"partial":', () => setTimeout(() => req.destroy(), 20))
      req.on('close', () => resolve())
    })
    const res = await fetch(`${url}${PATH}`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(202)
    expect(endpoint.received).toHaveLength(1)
  })
})
