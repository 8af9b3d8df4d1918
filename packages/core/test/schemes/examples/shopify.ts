import { isWebhookVerificationError, shopify, verifyWebhook } from '@hookgate/core'

// The app's client secret (Partner or Dev Dashboard > your app > Client credentials); for webhooks created
// in the store admin, the key shown under Settings > Notifications > Webhooks.
export const provider = shopify({ secret: process.env.SHOPIFY_API_SECRET ?? 'example secret' })

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // event.id is X-Shopify-Webhook-Id (else X-Shopify-Event-Id), event.type the topic: 'orders/create'.
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
