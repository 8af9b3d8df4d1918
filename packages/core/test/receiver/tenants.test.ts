import { cachedKeys, createReceiver, github, type KeyRequest, type WebhookEvent } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { bodyOf, quiet, until } from './helpers.js'

// One receiver for every customer of a SaaS: each has its own GitHub webhook secret, and its own path.
const secrets: Record<string, string> = { acme: 'acme-secret', globex: 'globex-secret' }
const tenantOf = (url: string | undefined) => /\/webhooks\/github\/([^/?]+)/.exec(url ?? '')?.[1]

const secretOf = ({ url }: KeyRequest) => {
  const tenant = tenantOf(url)
  return tenant === undefined ? undefined : secrets[tenant]
}

function tenantReceiver(resolve: (request: KeyRequest) => unknown = secretOf, keyTimeout?: `${number}ms`) {
  const handled: WebhookEvent[] = []
  const receiver = createReceiver({
    provider: github({ secret: resolve as typeof secretOf, keyTimeout }),
    tenant: (event) => tenantOf(event.url),
    logger: quiet,
  })
  receiver.on('push', (event) => {
    handled.push(event)
  })
  return { receiver, handled }
}

/** A push as GitHub sends it to one tenant's URL, signed with `secret`. */
async function push(tenant: string, id: string, secret = secrets[tenant] ?? 'none') {
  const url = `https://app.example/webhooks/github/${tenant}`
  const body = JSON.stringify({ ref: 'refs/heads/main' })
  const signed = await github({ secret }).sign({ body, id, type: 'push', url })
  return { method: 'POST', url, headers: signed.headers, body }
}

describe('per-tenant secrets', () => {
  it("verifies each tenant with its own secret, and keeps two tenants' identical ids apart", async () => {
    const { receiver, handled } = tenantReceiver()
    expect((await receiver.receive(await push('acme', 'd-1'))).status).toBe(202)
    expect((await receiver.receive(await push('globex', 'd-1'))).status).toBe(202)
    expect((await receiver.receive(await push('acme', 'd-1'))).code).toBe('duplicate')
    await until(() => expect(handled.map((event) => event.tenant).sort()).toEqual(['acme', 'globex']))
    // Signed with another tenant's secret: forged for this one.
    const forged = await receiver.receive(await push('acme', 'd-2', secrets.globex))
    expect([forged.status, forged.code]).toEqual([401, 'invalid_signature'])
    await receiver.close()
  })

  it('answers 401 unknown_tenant when the resolver knows no secret for the request', async () => {
    const { receiver } = tenantReceiver()
    const answer = await receiver.receive(await push('initech', 'd-3', 'whatever'))
    expect([answer.status, bodyOf(answer).code]).toEqual([401, 'unknown_tenant'])
    await receiver.close()
  })

  it('answers 503 with Retry-After when the resolver throws or is too slow, naming neither secret nor cause', async () => {
    const failing = tenantReceiver(() => {
      throw new Error('vault sealed: token s.hunter2')
    })
    const thrown = await failing.receiver.receive(await push('acme', 'd-4'))
    expect([thrown.status, thrown.code, thrown.headers['retry-after']]).toEqual([503, 'key_unavailable', '5'])
    expect(thrown.body).not.toContain('hunter2')
    const slow = tenantReceiver(() => new Promise(() => {}), '20ms')
    const timedOut = await slow.receiver.receive(await push('acme', 'd-5'))
    expect([timedOut.status, timedOut.code]).toEqual([503, 'key_unavailable'])
    await failing.receiver.close()
    await slow.receiver.close()
  })

  it('asks the resolver once per request, and once per tenant and ttl through cachedKeys', async () => {
    const resolve = vi.fn(secretOf)
    const { receiver } = tenantReceiver(resolve)
    await receiver.receive(await push('acme', 'd-6'))
    expect(resolve).toHaveBeenCalledTimes(1)
    await receiver.close()

    const cachedResolve = vi.fn(secretOf)
    const cached = tenantReceiver(
      cachedKeys(cachedResolve, { tenant: ({ url }) => tenantOf(url), ttl: '1m' }),
    )
    await cached.receiver.receive(await push('acme', 'd-7'))
    await cached.receiver.receive(await push('acme', 'd-8'))
    await cached.receiver.receive(await push('globex', 'd-9'))
    expect(cachedResolve).toHaveBeenCalledTimes(2)
    // An unknown tenant is asked about again: it may have signed up meanwhile.
    await cached.receiver.receive(await push('initech', 'd-10', 'x'))
    await cached.receiver.receive(await push('initech', 'd-11', 'x'))
    expect(cachedResolve).toHaveBeenCalledTimes(4)
    await cached.receiver.close()
  })

  it('refuses a delivery the tenant option names no tenant for', async () => {
    const receiver = createReceiver({
      provider: github({ secret: secrets.acme! }),
      tenant: () => undefined,
      logger: quiet,
    })
    receiver.on('push', () => {})
    const answer = await receiver.receive(await push('acme', 'd-12'))
    expect([answer.status, answer.code]).toEqual([401, 'unknown_tenant'])
    await receiver.close()
  })

  it('signs with the resolved secret of the URL it is given', async () => {
    const provider = github({ secret: secretOf })
    const url = 'https://app.example/webhooks/github/globex'
    const signed = await provider.sign({ body: '{}', type: 'push', url })
    const expected = await github({ secret: secrets.globex! }).sign({
      body: '{}',
      type: 'push',
      url,
      id: signed.headers['X-GitHub-Delivery'],
    })
    expect(signed.headers['X-Hub-Signature-256']).toBe(expected.headers['X-Hub-Signature-256'])
  })
})
