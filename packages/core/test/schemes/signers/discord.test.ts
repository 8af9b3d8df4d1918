import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import * as nodeCore from '@hookgate/core'
import { createReceiver } from '@hookgate/core'
import { verifyKey } from 'discord-interactions'
import { describe, expect, it } from 'vitest'
import { clockAt, loadCoreOnWebCrypto, received, rejectionOf } from '../helpers.js'

// Discord's ed25519 signatures, checked against discord-interactions' verifyKey and node:crypto, on both
// crypto backends; the PINGs answered as Discord requires.
const web = await loadCoreOnWebCrypto()
const pair = generateKeyPairSync('ed25519')
const hex = (base64url: string) => Buffer.from(base64url, 'base64url').toString('hex')
const publicKey = hex(pair.publicKey.export({ format: 'jwk' }).x!)
const secret = hex(pair.privateKey.export({ format: 'jwk' }).d!)
const now = 1_760_000_000
const command = JSON.stringify({ id: '1122', type: 2, data: { name: 'deploy' }, token: 'tok' })
const discordSigned = (body: string, timestamp = String(now)) => ({
  'X-Signature-Ed25519': nodeSign(null, Buffer.from(timestamp + body), pair.privateKey).toString('hex'),
  'X-Signature-Timestamp': timestamp,
})

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  const provider = core.discord({ publicKey, now: clockAt(now) })

  it('verifies what Discord signs (node:crypto ed25519, which verifyKey accepts too)', async () => {
    const headers = discordSigned(command)
    expect(await verifyKey(command, headers['X-Signature-Ed25519'], String(now), publicKey)).toBe(true)
    expect(await core.verifyWebhook(provider, { headers, body: command })).toMatchObject({
      id: '1122',
      type: 'APPLICATION_COMMAND',
      providerName: 'discord',
      timestamp: new Date(now * 1000),
    })
  })

  it('signs, with a secret in tests, what verifyKey accepts', async () => {
    const signer = core.discord({ secret, now: clockAt(now) })
    const signed = await signer.sign({ body: command })
    const signature = signed.headers['X-Signature-Ed25519']!
    expect(signature).toMatch(/^[0-9a-f]{128}$/)
    expect(await verifyKey(command, signature, String(now), publicKey)).toBe(true)
    await expect(provider.verify(received(signed))).resolves.toBeDefined()
  })

  it('rejects a tampered byte, another key, another timestamp and a stale one (401), as verifyKey does', async () => {
    const headers = discordSigned(command)
    const tampered = command.replace('deploy', 'destroy')
    expect(await verifyKey(tampered, headers['X-Signature-Ed25519'], String(now), publicKey)).toBe(false)
    expect((await rejectionOf(provider.verify({ headers, body: tampered }))).status).toBe(401)
    const other = hex(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!)
    const otherError = await rejectionOf(
      core.discord({ publicKey: other, now: clockAt(now) }).verify({ headers, body: command }),
    )
    expect(otherError.code).toBe('invalid_signature')
    const shifted = { ...headers, 'X-Signature-Timestamp': String(now + 1) }
    expect((await rejectionOf(provider.verify({ headers: shifted, body: command }))).code).toBe(
      'invalid_signature',
    )
    const stale = discordSigned(command, String(now - 600))
    expect((await rejectionOf(provider.verify({ headers: stale, body: command }))).code).toBe(
      'timestamp_too_old',
    )
  })

  it('refuses keys that are not 32 bytes of hex, naming the option', () => {
    expect(() => core.discord({ publicKey: 'abc' })).toThrow(/discord: publicKey must be 64 hex/)
    expect(() => core.discord({ secret: `${secret}00` })).toThrow(/discord: secret must be 64 hex/)
    expect(() => core.discord({})).toThrow(/discord: publicKey is required/)
  })

  it('names webhook events by event.type, and has no id for them', async () => {
    const body = JSON.stringify({
      version: 1,
      application_id: 'a',
      type: 1,
      event: { type: 'ENTITLEMENT_CREATE', data: {} },
    })
    expect(await core.verifyWebhook(provider, { headers: discordSigned(body), body })).toMatchObject({
      id: undefined,
      type: 'ENTITLEMENT_CREATE',
    })
  })
})

describe('the PINGs, through a receiver', () => {
  const receiver = createReceiver({ provider: nodeCore.discord({ publicKey, now: clockAt(now) }) })
  const post = (body: string, headers: Record<string, string>) =>
    receiver.receive({ method: 'POST', headers, body })

  it('answers an interaction PING with {"type":1} and a webhook-event PING with 204; no handler runs', async () => {
    let handled = 0
    receiver.on('PING', () => {
      handled++
    })
    const ping = JSON.stringify({ id: 'p1', application_id: 'a', type: 1, token: 't', version: 1 })
    const pong = await post(ping, discordSigned(ping))
    expect(pong).toMatchObject({
      status: 200,
      body: '{"type":1}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    const eventPing = JSON.stringify({ version: 1, application_id: 'a', type: 0 })
    expect(await post(eventPing, discordSigned(eventPing))).toMatchObject({ status: 204, body: '' })
    expect(handled).toBe(0)
  })

  it("answers the portal's probe with a bad signature with 401", async () => {
    const ping = JSON.stringify({ id: 'p2', type: 1 })
    const headers = { ...discordSigned(ping), 'X-Signature-Ed25519': '00'.repeat(64) }
    expect(await post(ping, headers)).toMatchObject({ status: 401, code: 'invalid_signature' })
  })
})
