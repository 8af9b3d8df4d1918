/** The bundled samples of the providers in `../providers/hmac-variants.ts`, keyed like `catalog.ts`. */

import bitbucketPullrequestCreated from './bitbucket/pullrequest:created.json' with { type: 'json' }
import bitbucketRepoPush from './bitbucket/repo:push.json' with { type: 'json' }
import boxFILEUPLOADED from './box/FILE.UPLOADED.json' with { type: 'json' }
import boxFOLDERCREATED from './box/FOLDER.CREATED.json' with { type: 'json' }
import calComBOOKINGCANCELLED from './cal-com/BOOKING_CANCELLED.json' with { type: 'json' }
import calComBOOKINGCREATED from './cal-com/BOOKING_CREATED.json' with { type: 'json' }
import calendlyInviteeCanceled from './calendly/invitee.canceled.json' with { type: 'json' }
import calendlyInviteeCreated from './calendly/invitee.created.json' with { type: 'json' }
import checkoutPaymentApproved from './checkout/payment_approved.json' with { type: 'json' }
import checkoutPaymentCaptured from './checkout/payment_captured.json' with { type: 'json' }
import coinbaseCommerceChargeConfirmed from './coinbase-commerce/charge:confirmed.json' with { type: 'json' }
import coinbaseCommerceChargeCreated from './coinbase-commerce/charge:created.json' with { type: 'json' }
import contentfulContentManagementEntryPublish from './contentful/ContentManagement.Entry.publish.json' with {
  type: 'json',
}
import contentfulContentManagementEntryUnpublish from './contentful/ContentManagement.Entry.unpublish.json' with {
  type: 'json',
}
import hubspotContactCreation from './hubspot/contact.creation.json' with { type: 'json' }
import hubspotDealPropertyChange from './hubspot/deal.propertyChange.json' with { type: 'json' }
import intercomConversationUserCreated from './intercom/conversation.user.created.json' with { type: 'json' }
import intercomPing from './intercom/ping.json' with { type: 'json' }
import lemonSqueezyOrderCreated from './lemon-squeezy/order_created.json' with { type: 'json' }
import lemonSqueezySubscriptionUpdated from './lemon-squeezy/subscription_updated.json' with { type: 'json' }
import linearCommentCreate from './linear/Comment.create.json' with { type: 'json' }
import linearIssueCreate from './linear/Issue.create.json' with { type: 'json' }
import molliePaymentLinkPaid from './mollie/payment-link.paid.json' with { type: 'json' }
import mollieSalesInvoicePaid from './mollie/sales-invoice.paid.json' with { type: 'json' }
import muxVideoAssetReady from './mux/video.asset.ready.json' with { type: 'json' }
import muxVideoUploadCreated from './mux/video.upload.created.json' with { type: 'json' }
import paddleSubscriptionCreated from './paddle/subscription.created.json' with { type: 'json' }
import paddleTransactionCompleted from './paddle/transaction.completed.json' with { type: 'json' }
import razorpayOrderPaid from './razorpay/order.paid.json' with { type: 'json' }
import razorpayPaymentCaptured from './razorpay/payment.captured.json' with { type: 'json' }
import sanityWebhookDeleted from './sanity/webhook.deleted.json' with { type: 'json' }
import sanityWebhook from './sanity/webhook.json' with { type: 'json' }
import segmentIdentify from './segment/identify.json' with { type: 'json' }
import segmentTrack from './segment/track.json' with { type: 'json' }
import sentryIssueCreated from './sentry/issue.created.json' with { type: 'json' }
import sentryIssueResolved from './sentry/issue.resolved.json' with { type: 'json' }
import squareCustomerCreated from './square/customer.created.json' with { type: 'json' }
import squarePaymentUpdated from './square/payment.updated.json' with { type: 'json' }
import typeformFormResponse from './typeform/form_response.json' with { type: 'json' }
import typeformFormResponsePartial from './typeform/form_response_partial.json' with { type: 'json' }
import vercelDeploymentCreated from './vercel/deployment.created.json' with { type: 'json' }
import vercelDeploymentSucceeded from './vercel/deployment.succeeded.json' with { type: 'json' }
import webflowFormSubmission from './webflow/form_submission.json' with { type: 'json' }
import webflowSitePublish from './webflow/site_publish.json' with { type: 'json' }
import woocommerceOrderCreated from './woocommerce/order.created.json' with { type: 'json' }
import woocommerceProductUpdated from './woocommerce/product.updated.json' with { type: 'json' }

export const hmacVariantSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  paddle: {
    'transaction.completed': paddleTransactionCompleted,
    'subscription.created': paddleSubscriptionCreated,
  },
  linear: {
    'Issue.create': linearIssueCreate,
    'Comment.create': linearCommentCreate,
  },
  hubspot: {
    'contact.creation': hubspotContactCreation,
    'deal.propertyChange': hubspotDealPropertyChange,
  },
  square: {
    'payment.updated': squarePaymentUpdated,
    'customer.created': squareCustomerCreated,
  },
  mux: {
    'video.asset.ready': muxVideoAssetReady,
    'video.upload.created': muxVideoUploadCreated,
  },
  sanity: {
    webhook: sanityWebhook,
    'webhook.deleted': sanityWebhookDeleted,
  },
  webflow: {
    form_submission: webflowFormSubmission,
    site_publish: webflowSitePublish,
  },
  calendly: {
    'invitee.created': calendlyInviteeCreated,
    'invitee.canceled': calendlyInviteeCanceled,
  },
  contentful: {
    'ContentManagement.Entry.publish': contentfulContentManagementEntryPublish,
    'ContentManagement.Entry.unpublish': contentfulContentManagementEntryUnpublish,
  },
  box: {
    'FILE.UPLOADED': boxFILEUPLOADED,
    'FOLDER.CREATED': boxFOLDERCREATED,
  },
  razorpay: {
    'payment.captured': razorpayPaymentCaptured,
    'order.paid': razorpayOrderPaid,
  },
  'lemon-squeezy': {
    order_created: lemonSqueezyOrderCreated,
    subscription_updated: lemonSqueezySubscriptionUpdated,
  },
  bitbucket: {
    'repo:push': bitbucketRepoPush,
    'pullrequest:created': bitbucketPullrequestCreated,
  },
  intercom: {
    'conversation.user.created': intercomConversationUserCreated,
    ping: intercomPing,
  },
  woocommerce: {
    'order.created': woocommerceOrderCreated,
    'product.updated': woocommerceProductUpdated,
  },
  segment: {
    track: segmentTrack,
    identify: segmentIdentify,
  },
  vercel: {
    'deployment.created': vercelDeploymentCreated,
    'deployment.succeeded': vercelDeploymentSucceeded,
  },
  'cal-com': {
    BOOKING_CREATED: calComBOOKINGCREATED,
    BOOKING_CANCELLED: calComBOOKINGCANCELLED,
  },
  typeform: {
    form_response: typeformFormResponse,
    form_response_partial: typeformFormResponsePartial,
  },
  sentry: {
    'issue.created': sentryIssueCreated,
    'issue.resolved': sentryIssueResolved,
  },
  checkout: {
    payment_approved: checkoutPaymentApproved,
    payment_captured: checkoutPaymentCaptured,
  },
  'coinbase-commerce': {
    'charge:confirmed': coinbaseCommerceChargeConfirmed,
    'charge:created': coinbaseCommerceChargeCreated,
  },
  mollie: {
    'payment-link.paid': molliePaymentLinkPaid,
    'sales-invoice.paid': mollieSalesInvoicePaid,
  },
}
