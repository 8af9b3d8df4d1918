import { createHash, createHmac } from 'node:crypto'
import * as hookgate from '@hookgate/core'
import { zoomExample } from '../vectors.js'
import { flip, forgedToken, get, type HandshakeCase, hmacOf, json, signedPost, text } from './case-kit.js'

export { type Core, flip, type HandshakeCase, type SenderRequest } from './case-kit.js'

/**
 * Every handshake of every sender with one, and exactly the answer the sender wants, byte for byte; and
 * one signed event of each. Run through `receive()` (handshakes.test.ts) and over HTTP through every adapter
 * (test/adapters/handshakes.test.ts), so both check the same table.
 */

export const metaSecret = 'meta-app-secret'
export const zoomSecret = zoomExample.secret
export const twitchSecret = 'twitch-subscription-secret'
export const xSecret = 'x-consumer-secret'
export const dropboxSecret = 'dropbox-app-secret'
export const oktaSecret = 'okta-authentication-secret'
export const cloudEventsToken = 'cloudevents-access-token'
export const asanaSecret = 'asana-hook-secret'
export const notionToken = 'secret_notion-verification-token'
const stored = () => {}
export const graphClientState = 'graph-client-state'
export const braintreeKeys = { publicKey: 'bt_public_key', secret: 'bt-private-key' }
// RFC 8032's first ed25519 test key: the receiver verifies with its public half.
export const discordSeed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'

const whatsappMessage = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    { id: '102290129340398', changes: [{ field: 'messages', value: { messages: [{ id: 'wamid.1' }] } }] },
  ],
})

export const cases: readonly HandshakeCase[] = [
  {
    name: 'meta',
    provider: (core = hookgate) => core.meta({ secret: metaSecret, verifyToken: 'meta-verify-token' }),
    async handshakes() {
      const query = '?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1158201444'
      return [{ what: 'GET hub.challenge', request: get(query), answer: text('1158201444') }]
    },
    async delivery() {
      return {
        request: await signedPost(this.provider(), whatsappMessage),
        type: 'whatsapp_business_account.messages',
      }
    },
  },
  {
    name: 'zoom',
    provider: (core = hookgate) => core.zoom({ secret: zoomSecret }),
    async handshakes() {
      // vectors.ts's known answer (the runtimes run it too), checked in providers.md with Zoom's library.
      const { plainToken, encryptedToken } = zoomExample
      const body = JSON.stringify({
        payload: { plainToken },
        event_ts: 1_654_503_849_680,
        event: 'endpoint.url_validation',
      })
      return [
        {
          what: 'POST endpoint.url_validation',
          request: await signedPost(this.provider(), body),
          answer: json({ plainToken, encryptedToken }),
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({
        event: 'meeting.started',
        event_ts: 1_760_000_000_123,
        payload: { account_id: 'acc', object: { uuid: 'm-uuid==', id: 81234567890 } },
      })
      return { request: await signedPost(this.provider(), body), type: 'meeting.started' }
    },
  },
  {
    name: 'twitch',
    provider: (core = hookgate) => core.twitch({ secret: twitchSecret }),
    async handshakes() {
      const body = JSON.stringify({
        challenge: 'pogchamp-kappa-360noscope-vohiyo',
        subscription: {
          id: 'f1c2a387',
          status: 'webhook_callback_verification_pending',
          type: 'channel.follow',
        },
      })
      const request = await signedPost(this.provider(), body)
      request.headers['Twitch-Eventsub-Message-Type'] = 'webhook_callback_verification'
      return [
        {
          what: 'POST webhook_callback_verification',
          request,
          answer: text('pogchamp-kappa-360noscope-vohiyo'),
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({
        subscription: { id: 'f1c2a387', status: 'enabled', type: 'channel.follow' },
        event: { user_id: '1337', broadcaster_user_id: '12826' },
      })
      return { request: await signedPost(this.provider(), body), type: 'channel.follow' }
    },
  },
  {
    name: 'x',
    provider: (core = hookgate) => core.x({ secret: xSecret }),
    async handshakes() {
      const token = 'crc-token-1/2+3'
      return [
        {
          what: 'GET crc_token',
          request: get(`?crc_token=${encodeURIComponent(token)}`),
          answer: json({ response_token: `sha256=${hmacOf(xSecret, token, 'base64')}` }),
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({ for_user_id: '2244994945', favorite_events: [{ id: 'a7ba59eb' }] })
      return { request: await signedPost(this.provider(), body), type: 'favorite_events' }
    },
  },
  {
    name: 'dropbox',
    provider: (core = hookgate) => core.dropbox({ secret: dropboxSecret }),
    async handshakes() {
      return [
        {
          what: 'GET challenge',
          request: get('?challenge=ch4ll3nge'),
          answer: text('ch4ll3nge', { 'x-content-type-options': 'nosniff' }),
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({
        list_folder: { accounts: ['dbid:AAH4f99'] },
        delta: { users: [12345678] },
      })
      return { request: await signedPost(this.provider(), body), type: 'list_folder' }
    },
  },
  {
    name: 'okta',
    provider: (core = hookgate) => core.okta({ secret: oktaSecret }),
    forge: forgedToken,
    async handshakes() {
      const headers = { 'X-Okta-Verification-Challenge': 'aRjOrW2k0UQyXhcLb2Ie', Authorization: oktaSecret }
      const request = { method: 'GET', headers, body: '' }
      return [
        {
          what: 'GET X-Okta-Verification-Challenge',
          request,
          answer: json({ verification: 'aRjOrW2k0UQyXhcLb2Ie' }),
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({
        eventType: 'com.okta.event_hook',
        eventId: 'b5a188b9-5ece-4636-b041-482ffda96311',
        data: { events: [{ uuid: '4f3b4e8f-0e6d-11ee', eventType: 'user.session.start' }] },
      })
      return { request: await signedPost(this.provider(), body), type: 'user.session.start' }
    },
  },
  {
    name: 'cloudevents',
    provider: (core = hookgate) =>
      core.cloudEvents({
        token: cloudEventsToken,
        allowedOrigins: ['eventemitter.example.com'],
        allowedRate: 120,
      }),
    forge: forgedToken,
    async handshakes() {
      const origin = { 'WebHook-Request-Origin': 'eventemitter.example.com' }
      const withRate = { ...origin, 'WebHook-Request-Rate': '240' }
      const allowed = { allow: 'POST', 'webhook-allowed-origin': 'eventemitter.example.com' }
      return [
        {
          what: 'OPTIONS',
          request: { method: 'OPTIONS', headers: origin, body: '' },
          answer: { status: 200, headers: allowed, body: '' },
        },
        {
          what: 'OPTIONS with a rate',
          request: { method: 'OPTIONS', headers: withRate, body: '' },
          answer: { status: 200, headers: { ...allowed, 'webhook-allowed-rate': '120' }, body: '' },
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({
        specversion: '1.0',
        id: 'A234-1234',
        source: '/mycontext',
        type: 'com.example.someevent',
        data: {},
      })
      const request = await signedPost(this.provider(), body)
      request.headers['Content-Type'] = 'application/cloudevents+json'
      return { request, type: 'com.example.someevent' }
    },
  },
  {
    name: 'asana',
    provider: (core = hookgate) => core.asana({ secret: asanaSecret, onHookSecret: stored }),
    async handshakes() {
      const request = { method: 'POST', headers: { 'X-Hook-Secret': asanaSecret }, body: '' }
      const answer = { status: 200, headers: { 'x-hook-secret': asanaSecret }, body: '' }
      return [{ what: 'POST X-Hook-Secret', request, answer }]
    },
    async delivery() {
      const body = JSON.stringify({
        events: [{ action: 'changed', resource: { gid: '1', resource_type: 'task' } }],
      })
      return { request: await signedPost(this.provider(), body), type: 'task.changed' }
    },
  },
  {
    name: 'notion',
    provider: (core = hookgate) => core.notion({ secret: notionToken, onVerificationToken: stored }),
    async handshakes() {
      const body = JSON.stringify({ verification_token: notionToken })
      const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body }
      return [{ what: 'POST verification_token', request, answer: { status: 200, headers: {}, body: '' } }]
    },
    async delivery() {
      const body = JSON.stringify({
        id: '367cba44-b6f3-4c92-81e7-6a2e9659efd4',
        type: 'page.created',
        entity: { id: 'p' },
      })
      return { request: await signedPost(this.provider(), body), type: 'page.created' }
    },
  },
  {
    name: 'microsoft-graph',
    provider: (core = hookgate) => core.microsoftGraph({ clientState: graphClientState }),
    forge: (request) => ({
      ...request,
      body: request.body.replace(graphClientState, flip(graphClientState)),
    }),
    async handshakes() {
      const token = 'Validation: Testing client application reachability for subscription Request-Id: 1'
      const request = {
        method: 'POST',
        query: `?validationToken=${encodeURIComponent(token)}`,
        headers: {},
        body: '',
      }
      return [{ what: 'POST ?validationToken', request, answer: text(token) }]
    },
    async delivery() {
      const body = JSON.stringify({
        value: [
          { subscriptionId: 's-1', changeType: 'created', resource: 'users/u/messages/m', tenantId: 't' },
        ],
      })
      return { request: await signedPost(this.provider(), body), type: 'created' }
    },
  },
  {
    name: 'braintree',
    provider: (core = hookgate) => core.braintree(braintreeKeys),
    async handshakes() {
      const challenge = '20f9f8ed05f77439fe955c977e4c8a53'
      const key = createHash('sha1').update(braintreeKeys.secret).digest()
      const mac = createHmac('sha1', key).update(challenge).digest('hex')
      const answer = text(`${braintreeKeys.publicKey}|${mac}`)
      return [{ what: 'GET bt_challenge', request: get(`?bt_challenge=${challenge}`), answer }]
    },
    async delivery() {
      const xml =
        '<notification><timestamp type="datetime">2026-12-01T10:00:00Z</timestamp><kind>check</kind></notification>'
      return { request: await signedPost(this.provider(), xml), type: 'check' }
    },
  },
  {
    name: 'discord',
    provider: (core = hookgate) => core.discord({ secret: discordSeed }),
    async handshakes() {
      // Both PINGs carry an id-less or fixed body that Discord repeats: neither is deduplicated.
      const ping = JSON.stringify({ id: 'ping-1', application_id: 'a', type: 1, token: 't', version: 1 })
      const eventPing = JSON.stringify({ version: 1, application_id: 'a', type: 0 })
      return [
        {
          what: 'POST interaction PING',
          request: await signedPost(this.provider(), ping),
          answer: json({ type: 1 }),
        },
        {
          what: 'POST webhook-event PING',
          request: await signedPost(this.provider(), eventPing),
          answer: { status: 204, headers: {}, body: '' },
        },
      ]
    },
    async delivery() {
      const body = JSON.stringify({
        id: '1234567890',
        application_id: 'a',
        type: 2,
        token: 't',
        version: 1,
        data: { name: 'ping' },
      })
      return { request: await signedPost(this.provider(), body), type: 'APPLICATION_COMMAND' }
    },
  },
]
