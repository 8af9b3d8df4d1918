// The senders' published ranges, fetched from a local server serving fixtures of their JSON shapes
// (GitHub's meta API, Stripe's ips_webhooks.json), and the docs' refresh example run against it.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReceiver, github } from '@hookgate/core'
import {
  allowFrom,
  type FetchRangesOptions,
  fetchRanges,
  RangesUnavailableError,
  type SenderRanges,
  senderRanges,
} from '@hookgate/guard'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { delivery, secret } from './spy-provider.js'

/** An allowlist of a sender's published ranges, refreshed every `everyMs`; a failed refresh keeps the old ones. */
async function refreshedAllowlist(
  sender: SenderRanges,
  options: FetchRangesOptions = {},
  everyMs = 6 * 3_600_000,
) {
  const guard = allowFrom({ ranges: await fetchRanges(sender, options), name: sender.name })
  const timer = setInterval(() => {
    fetchRanges(sender, options).then(guard.update, (error) => console.warn(error))
  }, everyMs)
  timer.unref()
  return { guard, stop: () => clearInterval(timer) }
}

const documents: Record<string, { status: number; json: unknown }> = {
  '/meta': {
    status: 200,
    json: {
      verifiable_password_authentication: false,
      hooks: ['192.30.252.0/22', '2606:50c0::/32'],
      web: ['140.82.112.0/20'],
    },
  },
  '/files/ips/ips_webhooks.json': { status: 200, json: { WEBHOOKS: ['3.18.12.63', '3.130.192.231'] } },
  '/broken': { status: 200, json: { hooks: 'not a list' } },
  '/down': { status: 503, json: {} },
}

let server: Server
let origin: string
beforeAll(async () => {
  server = createServer((req, res) => {
    const doc = documents[req.url ?? ''] ?? { status: 404, json: {} }
    res.writeHead(doc.status, { 'content-type': 'application/json' }).end(JSON.stringify(doc.json))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('fetchRanges', () => {
  it('reads GitHub hooks ranges and Stripe webhook addresses from their documents', async () => {
    expect(await fetchRanges(senderRanges.github, { url: `${origin}/meta` })).toEqual([
      '192.30.252.0/22',
      '2606:50c0::/32',
    ])
    expect(await fetchRanges(senderRanges.stripe, { url: `${origin}/files/ips/ips_webhooks.json` })).toEqual([
      '3.18.12.63',
      '3.130.192.231',
    ])
    expect(senderRanges.github.url).toBe('https://api.github.com/meta')
    expect(senderRanges.stripe.url).toBe('https://stripe.com/files/ips/ips_webhooks.json')
  })

  it('rejects with RangesUnavailableError on a bad answer or a document of another shape', async () => {
    await expect(fetchRanges(senderRanges.github, { url: `${origin}/down` })).rejects.toThrow(
      RangesUnavailableError,
    )
    await expect(fetchRanges(senderRanges.github, { url: `${origin}/broken` })).rejects.toThrow(
      /holds no GitHub hooks ranges/,
    )
  })
})

describe('the refresh example', () => {
  it('guards a receiver with the fetched ranges and picks up a changed list', async () => {
    const allowlist = await refreshedAllowlist(senderRanges.github, { url: `${origin}/meta` }, 50)
    const receiver = createReceiver({ provider: github({ secret }), guards: [allowlist.guard] })
    receiver.on('push', async () => {})
    try {
      expect((await receiver.receive(await delivery('192.30.252.10'))).status).toBe(202)
      expect((await receiver.receive(await delivery('198.51.100.1'))).status).toBe(403)
      documents['/meta'] = { status: 200, json: { hooks: ['198.51.100.0/24'] } }
      await vi.waitFor(async () =>
        expect((await receiver.receive(await delivery('198.51.100.1'))).status).toBe(202),
      )
      expect((await receiver.receive(await delivery('192.30.252.10'))).status).toBe(403)
      // A refresh that fails keeps the ranges in use.
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      documents['/meta'] = { status: 503, json: {} }
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.any(RangesUnavailableError)))
      expect((await receiver.receive(await delivery('198.51.100.1'))).status).toBe(202)
      warn.mockRestore()
    } finally {
      allowlist.stop()
      await receiver.close()
    }
  })
})
