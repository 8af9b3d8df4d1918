import { describe, expect, it } from 'vitest'
import { quiet } from '../../receiver/helpers.js'
import { loadCoreOnWebCrypto } from '../helpers.js'
import { type Core, cases } from './cases.js'

// The same handshakes and deliveries on a copy of core that runs on Web Crypto (every HMAC a promise).
describe('on Web Crypto', async () => {
  const { core, runtime } = await loadCoreOnWebCrypto()

  it('loaded the Web Crypto backend', () => {
    expect(runtime).toBe('web')
  })

  it.each(cases.map((sender) => [sender.name, sender] as const))('%s', async (_, sender) => {
    const receiver = core.createReceiver({ provider: sender.provider(core as Core), logger: quiet })
    receiver.on('*', () => {})
    for (const { request, answer } of await sender.handshakes()) {
      const outcome = await receiver.receive({
        ...request,
        url: `https://receiver.test/hook${request.query ?? ''}`,
      })
      expect([outcome.status, outcome.body]).toEqual([answer.status, answer.body])
    }
    const { request } = await sender.delivery()
    expect((await receiver.receive(request)).status).toBe(202)
    await receiver.close()
  })
  it('mailgun and adyen verify what they sign (their signatures are inside the body)', async () => {
    const senders = [
      [core.mailgun({ secret: 'key' }), { 'event-data': { id: 'e', event: 'delivered' } }],
      [
        core.adyen({ secret: 'abcd' }),
        {
          notificationItems: [
            { NotificationRequestItem: { pspReference: 'p', eventCode: 'CAPTURE', amount: {} } },
          ],
        },
      ],
    ] as const
    for (const [provider, payload] of senders) {
      const signed = await provider.sign({ body: JSON.stringify(payload) })
      await expect(provider.verify({ headers: signed.headers, body: signed.body })).resolves.toBeDefined()
      const forged = String(signed.body).replace(/"(signature|hmacSignature)":"./, '"$1":"_')
      await expect(provider.verify({ headers: signed.headers, body: forged })).rejects.toMatchObject({
        code: 'invalid_signature',
      })
    }
  })
})
