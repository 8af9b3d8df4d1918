import { sendgridVectors, signerVectors } from './signer-vectors.js'
import { type CoreModule, check, clockAt, received, type Vector } from './vector-kit.js'

export { sendgridVectors }

/*
 * The providers' own documented examples (known answers), as data any runtime can run: vitest runs them
 * on node:crypto and Web Crypto (known-answers.test.ts), and test/runtimes runs them inside workerd, Bun
 * and Deno against the packed core. So this module and its two siblings (vector-kit.ts, signer-vectors.ts)
 * import nothing else at runtime and assert with their own `check`: a new vector is one entry of `vectors`,
 * and a test that needs a known answer takes it from here rather than keeping its own copy.
 */

const slackBody =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'

/** twilio-node's test vector (Caller/From +14158675309) and the security page's (+14158675310). */
function twilioVector(caller: string, signature: string): Vector {
  return {
    name: `Twilio: caller ${caller} signs as ${signature}`,
    async run(core) {
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
      check('X-Twilio-Signature', signed.headers['X-Twilio-Signature'], signature)
      const event = await core.verifyWebhook(provider, {
        url,
        headers: { 'X-Twilio-Signature': signature },
        body,
      })
      check('event.payload', event.payload, { Digits: '1234', Caller: caller })
    },
  }
}

/**
 * RFC 8032's first ed25519 key pair (section 7.1, test 1) as Standard Webhooks keys; ed25519 is
 * deterministic, so the signature of this delivery is a known answer (node:crypto's `sign` made it).
 */
const ed25519 = {
  secret: 'whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=',
  publicKey: 'whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
  id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  timestamp: 1674087231,
  body: '{"type":"user.created","data":{"id":"user_1"}}',
  signature: 'v1a,+SwARTaUDYU3eBPOJFsE1IxBi3jezS/gRUgy7lRcgspUupxMO6uhOKXDxHDSYE6RFJqUp8RNXwHGTAVC01pRDg==',
}

/** Square's SDK tests: the signature of the notification URL and body, whatever URL the request reached. */
const squareBody =
  '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}'

function squareVector(key: string, url: string, body: string, signature: string): Vector {
  return {
    name: `Square: the SDK's ${url} example`,
    async run(core) {
      const provider = core.square({ secret: key, notificationUrl: url })
      const signed = await provider.sign({ body })
      check('x-square-hmacsha256-signature', signed.headers['x-square-hmacsha256-signature'], signature)
      const headers = { 'x-square-hmacsha256-signature': signature }
      check('verified', await provider.verify({ url: 'https://proxy.internal/square', headers, body }), {})
    },
  }
}

/** Adyen's docs example: a `NotificationRequestItem`, its `hmacSignature` and the hex HMAC key. */
export const adyenExample = {
  key: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
  item: {
    amount: { currency: 'EUR', value: 1130 },
    eventCode: 'AUTHORISATION',
    eventDate: '2019-05-06T17:15:34.121+02:00',
    merchantAccountCode: 'TestMerchant',
    merchantReference: 'TestPayment-1407325143704',
    pspReference: '7914073381342284',
    success: 'true',
  },
  hmacSignature: 'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=',
}

/**
 * Zoom's url_validation answer: `encryptedToken` is the hex HMAC-SHA256 of `plainToken` with the secret
 * token (providers.md checked it with @zoom/rivet).
 */
export const zoomExample = {
  secret: 'zoom_secret_token',
  plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
  encryptedToken: 'bd48235863f4a6323ccc4963c594908b7c97f88b4a6a95278f4f093690b12726',
}

export const vectors: Vector[] = [
  {
    name: 'Standard Webhooks: the specification example',
    async run(core) {
      const provider = core.standardWebhooks({
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        now: clockAt(1614265330),
      })
      const signed = await provider.sign({
        body: '{"test": 2432232314}',
        id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        timestamp: 1614265330,
      })
      check(
        'webhook-signature',
        signed.headers['webhook-signature'],
        'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      )
      const event = await core.verifyWebhook(provider, received(signed))
      check('event', event, {
        id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        payload: { test: 2432232314 },
        timestamp: new Date(1614265330_000),
      })
    },
  },
  {
    name: 'Standard Webhooks v1a: ed25519 with the RFC 8032 key pair',
    async run(core) {
      const { secret, publicKey, id, timestamp, body, signature } = ed25519
      const signed = await core
        .standardWebhooks({ secret, now: clockAt(timestamp) })
        .sign({ body, id, timestamp })
      check('webhook-signature', signed.headers['webhook-signature'], signature)
      const verifier = core.standardWebhooks({ publicKey, now: clockAt(timestamp) })
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      }
      const event = await core.verifyWebhook(verifier, { headers, body })
      check('event', event, { id, type: 'user.created', payload: { data: { id: 'user_1' } } })
    },
  },
  {
    name: 'GitHub: the "validating webhook deliveries" example',
    async run(core) {
      const provider = core.github({ secret: "It's a Secret to Everybody" })
      const signed = await provider.sign({ body: 'Hello, World!', type: 'ping' })
      check(
        'X-Hub-Signature-256',
        signed.headers['X-Hub-Signature-256'],
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      )
      check('verified', await provider.verify(received(signed)), { type: 'ping' })
    },
  },
  {
    name: 'Slack: the "verifying requests" example',
    async run(core) {
      const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'
      const provider = core.slack({ secret: '8f742231b10e8888abcd99yyyzzz85a5', now: clockAt(1531420618) })
      const event = await core.verifyWebhook(provider, {
        headers: { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': '1531420618' },
        body: slackBody,
      })
      check('event', event, {
        type: '/webhook-collect',
        id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
      })
      const signed = await provider.sign({ body: slackBody, timestamp: 1531420618 })
      check('X-Slack-Signature', signed.headers['X-Slack-Signature'], signature)
      check('Content-Type', signed.headers['Content-Type'], 'application/x-www-form-urlencoded')
    },
  },
  twilioVector('+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='),
  twilioVector('+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='),
  // The providers of schemes/providers/, from their SDKs' own tests.
  {
    name: "HubSpot: the SDK's v1 and v2 examples (SHA-256 of the secret and the request)",
    async run(core) {
      const provider = core.hubspot({ secret: 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy' })
      const v1Body =
        '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]'
      const v1 = await core.verifyWebhook(provider, {
        headers: {
          'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
          'X-HubSpot-Signature-Version': 'v1',
        },
        body: v1Body,
      })
      check('v1 event', v1, { id: '1', type: 'contact.creation' })
      const v2 = await provider.verify({
        url: 'https://www.example.com/webhook_uri',
        headers: {
          'X-HubSpot-Signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
          'X-HubSpot-Signature-Version': 'v2',
        },
        body: '{"example_field":"example_value"}',
      })
      check('v2 verified', v2, { url: 'https://www.example.com/webhook_uri' })
    },
  },
  {
    name: "Paddle: the SDK's VALID_SECRET example",
    async run(core) {
      const provider = core.paddle({ secret: 'VALID_SECRET', now: () => 1698796800_000 })
      const h1 = 'a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9'
      const body = '{"data": ["1", "2"]}'
      const signed = await provider.sign({ body, timestamp: 1698796800 })
      check('Paddle-Signature', signed.headers['Paddle-Signature'], `ts=1698796800;h1=${h1}`)
      const headers = { 'Paddle-Signature': `ts=1698796800;h1=${h1}` }
      check('verified', await provider.verify({ headers, body }), { timestamp: new Date(1698796800_000) })
    },
  },
  squareVector(
    'Ibxx_5AKakO-3qeNVR61Dw',
    'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9',
    squareBody,
    'GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=',
  ),
  squareVector(
    'signature-key',
    'https://webhook.site/webhooks',
    '{"data":{"type":"webhooks","id":">id<"}}',
    'Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U=',
  ),
  {
    name: "Sanity: the toolkit's resume example (ms timestamp, base64url)",
    async run(core) {
      const header = 't=1633519811129,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N0'
      const provider = core.sanity({ secret: 'test', now: () => 1633519811129 })
      const body = '{"_id":"resume"}'
      const event = await core.verifyWebhook(provider, {
        headers: { 'sanity-webhook-signature': header },
        body,
      })
      check('event', event, { payload: { _id: 'resume' }, timestamp: new Date(1633519811129) })
      const signed = await provider.sign({ body, timestamp: 1633519811.129 })
      check('sanity-webhook-signature', signed.headers['sanity-webhook-signature'], header)
    },
  },
  // The senders of schemes/handshakes/: Adyen's docs example, and Zoom's url_validation answer.
  {
    name: "Adyen: the docs' AUTHORISATION item (base64 HMAC of its fields, hex key)",
    async run(core) {
      const { key, item, hmacSignature } = adyenExample
      const provider = core.adyen({ secret: key })
      const unsigned = JSON.stringify({
        live: 'false',
        notificationItems: [{ NotificationRequestItem: item }],
      })
      const signed = JSON.parse(String((await provider.sign({ body: unsigned })).body))
      check('additionalData', signed.notificationItems[0].NotificationRequestItem.additionalData, {
        hmacSignature,
      })
      const body = JSON.stringify({
        live: 'false',
        notificationItems: [{ NotificationRequestItem: { ...item, additionalData: { hmacSignature } } }],
      })
      const event = await core.verifyWebhook(provider, {
        headers: { 'content-type': 'application/json' },
        body,
      })
      check('items', provider.split?.(event), [
        { id: `${item.pspReference}:${item.eventCode}`, type: item.eventCode },
      ])
    },
  },
  {
    name: 'Zoom: the endpoint.url_validation answer (hex HMAC of plainToken)',
    async run(core) {
      const { secret, plainToken, encryptedToken } = zoomExample
      const provider = core.zoom({ secret, now: clockAt(1654503849) })
      const body = JSON.stringify({
        payload: { plainToken },
        event_ts: 1_654_503_849_680,
        event: 'endpoint.url_validation',
      })
      const signed = await provider.sign({ body, timestamp: 1654503849 })
      const reply = await provider.handshake?.({ method: 'POST', ...received(signed) })
      check(
        'reply',
        { status: reply?.status, body: reply && JSON.parse(reply.body) },
        {
          status: 200,
          body: { plainToken, encryptedToken },
        },
      )
    },
  },
  ...signerVectors,
]

/** One vector's result, as a runtime reports it. */
export interface VectorResult {
  name: string
  passed: boolean
  error?: string
}

/** Runs every vector against `core`, never throwing: each result says whether it passed, and why not. */
export async function runVectors(core: CoreModule): Promise<VectorResult[]> {
  const results: VectorResult[] = []
  for (const vector of vectors) {
    try {
      await vector.run(core)
      results.push({ name: vector.name, passed: true })
    } catch (error) {
      results.push({ name: vector.name, passed: false, error: String(error) })
    }
  }
  return results
}
