import { isWebhookVerificationError, slack, verifyWebhook } from '@hookgate/core'

// api.slack.com/apps > your app > Basic Information > App Credentials > Signing Secret.
export const provider = slack({ secret: process.env.SLACK_SIGNING_SECRET ?? 'example secret' })

export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // Slack's URL verification handshake: answered here, never handled as an event.
    const reply = provider.reply?.(event)
    if (reply) return new Response(reply.body, reply)
    // event.type: 'app_mention' (Events API), '/deploy' (slash command), 'block_actions' (interactivity).
    return Response.json({ id: event.id, type: event.type })
  } catch (error) {
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
