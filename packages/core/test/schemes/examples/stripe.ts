import { isWebhookVerificationError, stripe, verifyWebhook } from '@hookgate/core'

// Dashboard > Developers > Webhooks > your endpoint > Signing secret (or what `stripe listen` prints).
// During a secret roll, pass both: stripe({ secret: [newSecret, oldSecret] }).
export const provider = stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_example' })

// A Web-standard handler (Hono, Bun, Deno, Workers, Next route handlers).
export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()), // the raw bytes, never re-serialized JSON
    })
    // event.id is the event's id (evt_...), event.type its type (invoice.paid), event.timestamp the signed t=.
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
