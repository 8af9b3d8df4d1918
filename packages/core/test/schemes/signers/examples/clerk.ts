import { clerk, isWebhookVerificationError, verifyWebhook } from '@hookgate/core'

// Clerk Dashboard > Webhooks > your endpoint > Signing Secret (whsec_...).
export const provider = clerk({
  secret: process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
})

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // event.id is svix-id, event.type the payload's type: 'user.created'.
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
