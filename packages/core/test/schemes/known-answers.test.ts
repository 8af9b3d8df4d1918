import * as nodeCore from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { usesNodeCrypto } from '../../src/crypto/backend.js'
import { clockAt, loadCoreOnWebCrypto, received } from './helpers.js'

// The providers' own documented examples, run through the node:crypto backend and the Web Crypto one.
const web = await loadCoreOnWebCrypto()

it('runs one copy on node:crypto and one on Web Crypto', () => {
  expect(usesNodeCrypto).toBe(true)
  expect(web.runtime).toBe('web')
})

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  it('Standard Webhooks: the specification example', async () => {
    const provider = core.standardWebhooks({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      now: clockAt(1614265330),
    })
    const signed = await provider.sign({
      body: '{"test": 2432232314}',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
    })
    expect(signed.headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
    const event = await core.verifyWebhook(provider, received(signed))
    expect(event).toMatchObject({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', payload: { test: 2432232314 } })
    expect(event.timestamp).toEqual(new Date(1614265330_000))
  })

  it('GitHub: the "validating webhook deliveries" example', async () => {
    const provider = core.github({ secret: "It's a Secret to Everybody" })
    const signed = await provider.sign({ body: 'Hello, World!', type: 'ping' })
    expect(signed.headers['X-Hub-Signature-256']).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    )
    await expect(provider.verify(received(signed))).resolves.toMatchObject({ type: 'ping' })
  })

  it('Slack: the "verifying requests" example', async () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'
    const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'
    const provider = core.slack({ secret: '8f742231b10e8888abcd99yyyzzz85a5', now: clockAt(1531420618) })
    const event = await core.verifyWebhook(provider, {
      headers: { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': '1531420618' },
      body,
    })
    expect(event).toMatchObject({
      type: '/webhook-collect',
      id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    })
    const signed = await provider.sign({ body, timestamp: 1531420618 })
    expect(signed.headers['X-Slack-Signature']).toBe(signature)
    expect(signed.headers['Content-Type']).toBe('application/x-www-form-urlencoded')
  })

  // twilio-node's test vector (Caller/From +14158675309) and the security page's (+14158675310).
  it.each([
    ['+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
    ['+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
  ])('Twilio: caller %s signs as %s', async (caller, signature) => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
    const body = new URLSearchParams({
      CallSid: 'CA1234567890ABCDE',
      Caller: caller,
      Digits: '1234',
      From: caller,
      To: '+18005551212',
    }).toString()
    const provider = core.twilio({ secret: '12345' })
    const signed = await provider.sign({ body, url })
    expect(signed.headers['X-Twilio-Signature']).toBe(signature)
    const event = await core.verifyWebhook(provider, {
      url,
      headers: { 'X-Twilio-Signature': signature },
      body,
    })
    expect(event.payload).toMatchObject({ Digits: '1234', Caller: caller })
  })
})
