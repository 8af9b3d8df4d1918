// The adapters' half of the contract, against a fake endpoint: the exact bytes, method and URL go in, the
// exact outcome comes out, and bodies are refused before the endpoint when they break the limits.
import type { Outcome } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { drivers, PATH } from './drivers.js'
import { fakeEndpoint } from './fake-endpoint.js'

const bytes = (...values: number[]) => new Uint8Array(values)
// A BOM, invalid UTF-8 and a NUL: anything that decodes text on the way would change these.
const awkward = bytes(0xef, 0xbb, 0xbf, 0x7b, 0xff, 0xfe, 0x00, 0x7d)

describe.each(drivers)('$name adapter, body and outcome', (driver) => {
  it('hands the endpoint the exact bytes, the method and the full URL', async () => {
    const endpoint = fakeEndpoint()
    const client = await driver.mount(endpoint)
    const res = await client.send({
      headers: { 'content-type': 'application/json', host: 'example.com' },
      body: awkward,
    })
    expect(res.status).toBe(202)
    expect(endpoint.received).toHaveLength(1)
    const [seen] = endpoint.received
    expect(seen?.body).toEqual(awkward)
    expect(seen?.method).toBe('POST')
    expect(seen?.url).toBe(`http://example.com${PATH}`)
  })

  it.each([
    ['application/json', '{"id":"evt_1","type":"invoice.paid"}'],
    ['application/x-www-form-urlencoded', 'CallSid=CA1&Digits=1234&From=%2B14158675309'],
    ['text/plain; charset=latin1', 'plain text'],
    ['application/octet-stream', 'binary'],
    ['application/vnd.custom+json', '{"a":1}'],
  ])('reads a %s body as bytes', async (contentType, body) => {
    const endpoint = fakeEndpoint()
    const client = await driver.mount(endpoint)
    await client.send({ headers: { 'content-type': contentType }, body })
    expect(new TextDecoder().decode(endpoint.received[0]?.body)).toBe(body)
  })

  it('reads a chunked body (no Content-Length)', async () => {
    const endpoint = fakeEndpoint()
    const client = await driver.mount(endpoint)
    const res = await client.send({
      headers: { 'content-type': 'application/json' },
      chunks: ['{"a":', '1', '}'],
    })
    expect(res.status).toBe(202)
    expect(new TextDecoder().decode(endpoint.received[0]?.body)).toBe('{"a":1}')
  })

  it('hands an empty body over as zero bytes', async () => {
    const endpoint = fakeEndpoint()
    const client = await driver.mount(endpoint)
    await client.send({})
    expect(endpoint.received[0]?.body).toEqual(new Uint8Array(0))
  })

  it('writes the outcome exactly: status, every header, body, and nothing the framework would add', async () => {
    const outcome: Outcome = {
      status: 503,
      code: 'store_unavailable',
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '7', 'x-extra': 'kept' },
      body: '{"code":"store_unavailable","message":"try later"}',
    }
    const client = await driver.mount(fakeEndpoint(outcome))
    const res = await client.send({ headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(res.status).toBe(503)
    expect(res.body).toBe(outcome.body)
    expect(res.headers).toMatchObject(outcome.headers)
    expect(res.headers.etag).toBeUndefined()
  })

  it('writes a text/plain outcome without adding a charset', async () => {
    const outcome: Outcome = {
      status: 200,
      code: 'challenge',
      headers: { 'content-type': 'text/plain' },
      body: 'c',
    }
    const client = await driver.mount(fakeEndpoint(outcome))
    const res = await client.send({ body: '{}' })
    expect(res.headers['content-type']).toBe('text/plain')
    expect(res.body).toBe('c')
  })

  it('refuses a body declared larger than maxBodyBytes with 413, before the endpoint', async () => {
    const endpoint = fakeEndpoint(undefined, 16)
    const client = await driver.mount(endpoint)
    const res = await client.send({ headers: { 'content-type': 'application/json' }, body: 'x'.repeat(17) })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large' })
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(endpoint.received).toHaveLength(0)
  })

  it('stops reading a chunked body at maxBodyBytes with 413, before the endpoint', async () => {
    const endpoint = fakeEndpoint(undefined, 16)
    const client = await driver.mount(endpoint)
    const res = await client.send({
      headers: { 'content-type': 'application/json' },
      chunks: ['x'.repeat(10), 'x'.repeat(10)],
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large' })
    expect(endpoint.received).toHaveLength(0)
  })

  it('accepts a body of exactly maxBodyBytes', async () => {
    const endpoint = fakeEndpoint(undefined, 16)
    const client = await driver.mount(endpoint)
    const res = await client.send({ chunks: ['x'.repeat(8), 'x'.repeat(8)] })
    expect(res.status).toBe(202)
    expect(endpoint.received[0]?.body).toHaveLength(16)
  })

  it('hands other methods to the endpoint as well: the receiver answers them (405)', async () => {
    const endpoint = fakeEndpoint()
    const client = await driver.mount(endpoint)
    await client.send({ method: 'GET' })
    expect(endpoint.received.map((r) => r.method)).toEqual(['GET'])
  })
})

describe.each(drivers)('$name adapter, public URL', (driver) => {
  const path = `${PATH}?token=a%20b&x=1`
  const forwarded = {
    host: 'internal:3000',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'hooks.example.com, proxy.local',
  }

  async function urlSeen(options: Parameters<typeof driver.mount>[1], headers: Record<string, string>) {
    const endpoint = fakeEndpoint()
    const client = await driver.mount(endpoint, options)
    await client.send({ path, headers, body: 'a=1' })
    return endpoint.received[0]?.url
  }

  it('builds it from the protocol, Host, path and query', async () => {
    expect(await urlSeen({}, { host: 'example.com:8080' })).toBe(`http://example.com:8080${path}`)
  })

  it('ignores X-Forwarded-* unless trustProxy is set', async () => {
    expect(await urlSeen({}, forwarded)).toBe(`http://internal:3000${path}`)
  })

  it('honours the first X-Forwarded-Proto and X-Forwarded-Host with trustProxy', async () => {
    expect(await urlSeen({ trustProxy: true }, forwarded)).toBe(`https://hooks.example.com${path}`)
  })

  it('prefixes the path and query with a publicUrl string', async () => {
    expect(await urlSeen({ publicUrl: 'https://api.example.com/v1/' }, forwarded)).toBe(
      `https://api.example.com/v1${path}`,
    )
  })

  it('takes the whole URL from a publicUrl function given the framework request', async () => {
    const seen: unknown[] = []
    const publicUrl = (request: unknown) => {
      seen.push(request)
      return 'https://fn.example.com/hook'
    }
    expect(await urlSeen({ publicUrl }, forwarded)).toBe('https://fn.example.com/hook')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeTypeOf('object')
  })
})
