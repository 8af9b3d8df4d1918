import { createHmac } from 'node:crypto'
import { createReceiver, twitch, verifyWebhook } from '@hookgate/core'
import { EventSubMiddleware } from '@twurple/eventsub-http'
import { describe, expect, it, vi } from 'vitest'
import { quiet, until } from '../../receiver/helpers.js'
import { clockAt, received, rejectionOf } from '../helpers.js'
import { twitchSecret } from './cases.js'

// @twurple/eventsub-http checks signatures only in its private _verifyData (providers.md): called here on
// its own prototype, with the secret where the middleware keeps it.
const twurpleVerifies = (id: string, timestamp: string, body: string, signature: string): boolean =>
  (
    EventSubMiddleware.prototype as unknown as { _verifyData: (...args: string[]) => boolean }
  )._verifyData.call({ _secret: twitchSecret }, id, timestamp, body, signature)

const at = Date.parse('2026-12-01T10:00:00Z') / 1000
const notification = JSON.stringify({
  subscription: { id: 'sub-1', status: 'enabled', type: 'channel.follow' },
  event: { user_id: '1337' },
})

/** A message as Twitch sends it, signed with node:crypto: its timestamp has nanoseconds. */
function fromTwitch(body: string, type: string, timestamp = '2026-12-01T10:00:00.123456789Z') {
  const id = 'e76c6bd4-55c9-4987-8304-da1588d8988b'
  const signature = `sha256=${createHmac('sha256', twitchSecret)
    .update(id + timestamp + body)
    .digest('hex')}`
  return {
    headers: {
      'Twitch-Eventsub-Message-Id': id,
      'Twitch-Eventsub-Message-Timestamp': timestamp,
      'Twitch-Eventsub-Message-Signature': signature,
      'Twitch-Eventsub-Message-Type': type,
    },
    body,
  }
}

describe('twitch', () => {
  const provider = twitch({ secret: twitchSecret, now: clockAt(at) })

  it('signs what @twurple/eventsub-http accepts, and a changed byte it refuses', async () => {
    const signed = await provider.sign({ body: notification, id: 'msg-1' })
    const h = signed.headers
    const args = [h['Twitch-Eventsub-Message-Id']!, h['Twitch-Eventsub-Message-Timestamp']!] as const
    expect(twurpleVerifies(...args, notification, h['Twitch-Eventsub-Message-Signature']!)).toBe(true)
    expect(twurpleVerifies(...args, `${notification} `, h['Twitch-Eventsub-Message-Signature']!)).toBe(false)
  })

  it('verifies a message signed as Twitch does (nanosecond RFC 3339), and what twurple accepts', async () => {
    const message = fromTwitch(notification, 'notification')
    const h = message.headers
    expect(
      twurpleVerifies(
        h['Twitch-Eventsub-Message-Id'],
        h['Twitch-Eventsub-Message-Timestamp'],
        notification,
        h['Twitch-Eventsub-Message-Signature'],
      ),
    ).toBe(true)
    await expect(verifyWebhook(provider, message)).resolves.toMatchObject({
      id: 'e76c6bd4-55c9-4987-8304-da1588d8988b',
      type: 'channel.follow',
    })
    const otherId = { ...message, headers: { ...h, 'Twitch-Eventsub-Message-Id': 'another' } }
    expect((await rejectionOf(provider.verify(otherId))).code).toBe('invalid_signature')
  })

  it('refuses a message older than 10 minutes, and one from 10 minutes ahead', async () => {
    const stale = fromTwitch(notification, 'notification', '2026-12-01T09:49:59Z')
    expect((await rejectionOf(provider.verify(stale))).code).toBe('timestamp_too_old')
    const ahead = fromTwitch(notification, 'notification', '2026-12-01T10:10:01Z')
    expect((await rejectionOf(provider.verify(ahead))).code).toBe('timestamp_in_future')
  })

  it('reads what a message is from its signed body: an unsigned header cannot turn one into another', async () => {
    const relabelled = fromTwitch(notification, 'revocation')
    await expect(verifyWebhook(provider, relabelled)).resolves.toMatchObject({ type: 'channel.follow' })
  })

  it('hands a revocation to its handlers and answers it 2xx; a forged verification is refused', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    const revoked = vi.fn()
    receiver.on('revocation', revoked)
    const body = JSON.stringify({
      subscription: { id: 'sub-1', status: 'authorization_revoked', type: 'channel.follow' },
    })
    const outcome = await receiver.receive({ method: 'POST', ...fromTwitch(body, 'revocation') })
    expect(outcome.status).toBe(202)
    await until(() => expect(revoked).toHaveBeenCalledTimes(1))
    expect(revoked.mock.calls[0]![0].payload.subscription.status).toBe('authorization_revoked')
    const verification = fromTwitch(
      JSON.stringify({ challenge: 'c', subscription: {} }),
      'webhook_callback_verification',
    )
    const forged = {
      ...verification,
      headers: { ...verification.headers, 'Twitch-Eventsub-Message-Signature': `sha256=${'0'.repeat(64)}` },
    }
    expect((await receiver.receive(received({ url: undefined, ...forged }))).status).toBe(401)
    await receiver.close()
  })
})
