import { webcrypto } from 'node:crypto'
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { Webhook as SvixWebhook } from 'svix'
import type { BenchBody } from '../bodies.js'
import { secrets } from '../secrets.js'
import type { MicroTask } from './harness.js'

/** Row names the targets refer to. */
export const peerRows = {
  octokit: '@octokit/webhooks-methods verify (no parse)',
  stripe: 'stripe constructEvent (with parse)',
  standardWebhooks: 'standardwebhooks verify (with parse)',
  svix: 'svix verify (with parse)',
  webCrypto: 'Web Crypto subtle.verify, awaited one at a time',
} as const

const stripe = new Stripe('sk_test_bench_never_used')

/**
 * The peer libraries, each verifying one delivery the way its README says to, with the input type it
 * takes (octokit wants the decoded string; the others take the raw Buffer). Signed right before the run,
 * so timestamps are fresh for every library's tolerance.
 */
export async function peerTasks(body: BenchBody): Promise<MicroTask[]> {
  const size = body.bytes.length
  const now = new Date()

  const githubSignature = await octokitSign(secrets.text, body.text)

  const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: body.text, secret: secrets.text })

  const standard = new StandardWebhook(secrets.standardWebhooks)
  const standardHeaders = {
    'webhook-id': body.eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': standard.sign(body.eventId, now, body.text),
  }
  const svix = new SvixWebhook(secrets.standardWebhooks)

  const webKey = await webcrypto.subtle.importKey(
    'raw',
    secrets.key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  const webSignature = await webcrypto.subtle.sign('HMAC', webKey, body.bytes)

  const mustVerify = (ok: boolean) => {
    if (!ok) throw new Error('peer signature did not verify')
  }
  return [
    {
      group: 'peer',
      name: peerRows.octokit,
      size,
      run: async () => mustVerify(await octokitVerify(secrets.text, body.text, githubSignature)),
    },
    {
      group: 'peer',
      name: peerRows.stripe,
      size,
      run: () => stripe.webhooks.constructEvent(body.bytes, stripeHeader, secrets.text),
    },
    {
      group: 'peer',
      name: peerRows.standardWebhooks,
      size,
      run: () => standard.verify(body.bytes, standardHeaders),
    },
    { group: 'peer', name: peerRows.svix, size, run: () => svix.verify(body.bytes, standardHeaders) },
    {
      group: 'peer',
      name: peerRows.webCrypto,
      size,
      run: async () => mustVerify(await webcrypto.subtle.verify('HMAC', webKey, webSignature, body.bytes)),
    },
  ]
}
