import { discord, isWebhookVerificationError, verifyWebhook } from '@hookgate/core'

// Developer Portal > your app > General Information > Public Key: 64 hex characters.
const publicKey = process.env.DISCORD_PUBLIC_KEY
if (!publicKey) throw new Error('Set DISCORD_PUBLIC_KEY to your application public key')
export const provider = discord({ publicKey })

// The Interactions Endpoint URL: Discord waits 3 s for the interaction's response, so it is answered here.
export async function handle(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook(provider, {
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    })
    // The PING sent when the URL is saved: {"type":1}, answered by the provider.
    const reply = provider.reply?.(event)
    if (reply) return new Response(reply.body || null, reply)
    // event.type: 'APPLICATION_COMMAND', 'MESSAGE_COMPONENT', ...; event.id: the interaction id.
    return Response.json({ type: 4, data: { content: `received ${event.type} ${event.id}` } })
  } catch (error) {
    // Discord checks that bad signatures get 401: they do (invalid_signature).
    if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
    throw error
  }
}
