/** The bundled samples of the providers in `../providers/signers.ts`, keyed like `catalog.ts`. */

import basicAuthInvoiceCreated from './basic-auth/invoice.created.json' with { type: 'json' }
import basicAuthInvoicePaid from './basic-auth/invoice.paid.json' with { type: 'json' }
import clerkSessionCreated from './clerk/session.created.json' with { type: 'json' }
import clerkUserCreated from './clerk/user.created.json' with { type: 'json' }
import discordAPPLICATIONCOMMAND from './discord/APPLICATION_COMMAND.json' with { type: 'json' }
import discordPING from './discord/PING.json' with { type: 'json' }
import gitlabMergeRequest from './gitlab/merge_request.json' with { type: 'json' }
import gitlabPush from './gitlab/push.json' with { type: 'json' }
import openaiBatchCompleted from './openai/batch.completed.json' with { type: 'json' }
import openaiResponseCompleted from './openai/response.completed.json' with { type: 'json' }
import plaidITEMERROR from './plaid/ITEM.ERROR.json' with { type: 'json' }
import plaidTRANSACTIONSSYNCUPDATESAVAILABLE from './plaid/TRANSACTIONS.SYNC_UPDATES_AVAILABLE.json' with {
  type: 'json',
}
import postmarkBounce from './postmark/Bounce.json' with { type: 'json' }
import postmarkDelivery from './postmark/Delivery.json' with { type: 'json' }
import replicateStarting from './replicate/starting.json' with { type: 'json' }
import replicateSucceeded from './replicate/succeeded.json' with { type: 'json' }
import resendEmailBounced from './resend/email.bounced.json' with { type: 'json' }
import resendEmailDelivered from './resend/email.delivered.json' with { type: 'json' }
import sendgridBounce from './sendgrid/bounce.json' with { type: 'json' }
import sendgridDelivered from './sendgrid/delivered.json' with { type: 'json' }
import supabaseCustomAccessToken from './supabase/custom_access_token.json' with { type: 'json' }
import supabaseSendEmail from './supabase/send_email.json' with { type: 'json' }
import tokenRowDeleted from './token/row.deleted.json' with { type: 'json' }
import tokenRowInserted from './token/row.inserted.json' with { type: 'json' }

export const signerSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'basic-auth': {
    'invoice.created': basicAuthInvoiceCreated,
    'invoice.paid': basicAuthInvoicePaid,
  },
  clerk: {
    'session.created': clerkSessionCreated,
    'user.created': clerkUserCreated,
  },
  discord: {
    APPLICATION_COMMAND: discordAPPLICATIONCOMMAND,
    PING: discordPING,
  },
  gitlab: {
    merge_request: gitlabMergeRequest,
    push: gitlabPush,
  },
  openai: {
    'batch.completed': openaiBatchCompleted,
    'response.completed': openaiResponseCompleted,
  },
  plaid: {
    'ITEM.ERROR': plaidITEMERROR,
    'TRANSACTIONS.SYNC_UPDATES_AVAILABLE': plaidTRANSACTIONSSYNCUPDATESAVAILABLE,
  },
  postmark: {
    Bounce: postmarkBounce,
    Delivery: postmarkDelivery,
  },
  replicate: {
    starting: replicateStarting,
    succeeded: replicateSucceeded,
  },
  resend: {
    'email.bounced': resendEmailBounced,
    'email.delivered': resendEmailDelivered,
  },
  sendgrid: {
    bounce: sendgridBounce,
    delivered: sendgridDelivered,
  },
  supabase: {
    custom_access_token: supabaseCustomAccessToken,
    send_email: supabaseSendEmail,
  },
  token: {
    'row.deleted': tokenRowDeleted,
    'row.inserted': tokenRowInserted,
  },
}
