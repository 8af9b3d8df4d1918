import { hmac, isWebhookVerificationError, verifyWebhook } from '@hookgate/core'

// A sender that signs `{timestamp}.{body}` with HMAC-SHA256, hex, in `Acme-Signature: v1=<hex>`, and
// sends its event id and type in headers of their own.
export const provider = hmac({
  name: 'acme',
  secret: process.env.ACME_WEBHOOK_SECRET ?? 'example secret',
  header: 'Acme-Signature',
  signaturePrefix: 'v1=',
  signedContent: '{timestamp}.{body}',
  timestamp: 'Acme-Timestamp',
  id: 'Acme-Event-Id',
  type: 'Acme-Event-Type',
  retryHorizon: '1d', // how long Acme retries: the receiver's default dedupWindow
})

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
