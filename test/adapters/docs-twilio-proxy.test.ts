// docs/express.md's "Behind a proxy (Twilio)" block, as written: one route trusting the proxy's
// X-Forwarded-* headers, one stating the public URL. Twilio signs the URL it called, not the one we see.
import { createReceiver, twilio } from '@hookgate/core'
import { hookgate } from '@hookgate/express'
import express from 'express'
import request from 'supertest'
import { expect, it } from 'vitest'

const secret = 'docs-twilio-token'
const form = 'MessageSid=SM1&MessageStatus=delivered'

it('verifies Twilio behind a proxy with trustProxy or publicUrl, as docs/express.md shows', async () => {
  const receiver = createReceiver({
    provider: twilio({ secret }),
    logger: { info() {}, warn() {}, error() {} },
  })
  receiver.on('*', async () => {})
  const app = express()

  app.all('/webhooks/twilio', hookgate(receiver, { trustProxy: true }))
  app.all('/webhooks/twilio', hookgate(receiver, { publicUrl: 'https://hooks.example.com' }))

  const signed = await twilio({ secret }).sign({
    body: form,
    url: 'https://hooks.example.com/webhooks/twilio',
  })
  const res = await request(app)
    .post('/webhooks/twilio')
    .set(signed.headers)
    .set({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' })
    .type('form')
    .send(form)
  expect(res.status).toBe(202)
  const withoutForwarding = await request(app)
    .post('/webhooks/twilio')
    .set(signed.headers)
    .type('form')
    .send(form)
  expect(withoutForwarding.status).toBe(401) // the first route answers: it sees the internal URL
  await receiver.close()
})
