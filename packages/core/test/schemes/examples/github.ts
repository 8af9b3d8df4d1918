import { github, isWebhookVerificationError, verifyWebhook } from '@hookgate/core'

// The secret you typed when creating the webhook (repository or organization Settings > Webhooks, or the
// GitHub App's settings).
export const provider = github({ secret: process.env.GITHUB_WEBHOOK_SECRET ?? 'example secret' })

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // event.id is X-GitHub-Delivery; event.type is X-GitHub-Event plus the action: 'issues.opened', 'push'.
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
