import { createReceiver, sendgrid } from '@hookgate/core'

// Settings > Mail Settings > Event Webhooks > your webhook > Signature Verification: the Verification Key.
const publicKey = process.env.SENDGRID_VERIFICATION_KEY
if (!publicKey) throw new Error('Set SENDGRID_VERIFICATION_KEY to the base64 Verification Key')

// One delivery is a batch of events: each is deduplicated by its sg_event_id and handled on its own.
export const receiver = createReceiver({ provider: sendgrid({ publicKey }) })

export const bounced: string[] = []
receiver.on('bounce', async (event) => {
  const { email } = event.payload as { email: string }
  bounced.push(email)
})
