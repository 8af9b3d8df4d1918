/**
 * The bundled sample payloads, one realistic and small body per common event of every provider, keyed by
 * provider then event type. Imported rather than read from disk so the bundled bin carries them and no path
 * differs between source and build. `test/samples.test.ts` checks that every file in this folder is listed.
 */
import { bodySignedSamples } from './body-signed.js'
import githubIssuesOpened from './github/issues.opened.json' with { type: 'json' }
import githubPing from './github/ping.json' with { type: 'json' }
import githubPullRequestOpened from './github/pull_request.opened.json' with { type: 'json' }
import githubPush from './github/push.json' with { type: 'json' }
import { handshakeSamples } from './handshakes.js'
import { hmacVariantSamples } from './hmac-variants.js'
import shopifyAppUninstalled from './shopify/app/uninstalled.json' with { type: 'json' }
import shopifyOrdersCreate from './shopify/orders/create.json' with { type: 'json' }
import shopifyOrdersPaid from './shopify/orders/paid.json' with { type: 'json' }
import { signerSamples } from './signers.js'
import slackAppMention from './slack/app_mention.json' with { type: 'json' }
import slackMessage from './slack/message.json' with { type: 'json' }
import slackUrlVerification from './slack/url_verification.json' with { type: 'json' }
import standardWebhooksInvoicePaid from './standard-webhooks/invoice.paid.json' with { type: 'json' }
import standardWebhooksUserCreated from './standard-webhooks/user.created.json' with { type: 'json' }
import stripeCheckoutSessionCompleted from './stripe/checkout.session.completed.json' with { type: 'json' }
import stripeCustomerCreated from './stripe/customer.created.json' with { type: 'json' }
import stripeCustomerSubscriptionCreated from './stripe/customer.subscription.created.json' with {
  type: 'json',
}
import stripeInvoicePaid from './stripe/invoice.paid.json' with { type: 'json' }
import stripePaymentIntentSucceeded from './stripe/payment_intent.succeeded.json' with { type: 'json' }
import twilioCallRinging from './twilio/call.ringing.json' with { type: 'json' }
import twilioMessageDelivered from './twilio/message.delivered.json' with { type: 'json' }
import twilioMessageReceived from './twilio/message.received.json' with { type: 'json' }

export const samples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  ...handshakeSamples,
  ...hmacVariantSamples,
  ...signerSamples,
  ...bodySignedSamples,
  github: {
    'issues.opened': githubIssuesOpened,
    ping: githubPing,
    'pull_request.opened': githubPullRequestOpened,
    push: githubPush,
  },
  shopify: {
    'app/uninstalled': shopifyAppUninstalled,
    'orders/create': shopifyOrdersCreate,
    'orders/paid': shopifyOrdersPaid,
  },
  slack: {
    app_mention: slackAppMention,
    message: slackMessage,
    url_verification: slackUrlVerification,
  },
  'standard-webhooks': {
    'invoice.paid': standardWebhooksInvoicePaid,
    'user.created': standardWebhooksUserCreated,
  },
  stripe: {
    'checkout.session.completed': stripeCheckoutSessionCompleted,
    'customer.created': stripeCustomerCreated,
    'customer.subscription.created': stripeCustomerSubscriptionCreated,
    'invoice.paid': stripeInvoicePaid,
    'payment_intent.succeeded': stripePaymentIntentSucceeded,
  },
  twilio: {
    'call.ringing': twilioCallRinging,
    'message.received': twilioMessageReceived,
    'message.delivered': twilioMessageDelivered,
  },
}
