import { isWebhookVerificationError, twilio, verifyWebhook } from '@hookgate/core'

// Console > Account Info > Auth Token. While rotating, pass the primary and the secondary token.
export const provider = twilio({ secret: process.env.TWILIO_AUTH_TOKEN ?? 'example token' })

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      // Twilio signs the exact URL it called. Behind a proxy, rebuild it from X-Forwarded-Proto/Host.
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // event.id is I-Twilio-Idempotency-Token; event.type e.g. 'message.received', 'call.completed'.
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
