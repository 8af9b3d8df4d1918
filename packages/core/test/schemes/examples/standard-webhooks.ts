import { isWebhookVerificationError, standardWebhooks, verifyWebhook } from '@hookgate/core'

// The endpoint's signing secret (whsec_...) from the sender's dashboard (Svix app portal, Clerk, Resend...),
// and/or its ed25519 public key (whpk_...) when it signs with v1a.
export const provider = standardWebhooks({
  secret: process.env.WEBHOOK_SECRET ?? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
})

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // event.id is webhook-id (or svix-id), event.type the payload's type: 'user.created'.
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
