import { isWebhookVerificationError, plaid, verifyWebhook } from '@hookgate/core'

/**
 * `fetchKey` asks Plaid for the key of a kid, with your Plaid client:
 * `(await plaidClient.webhookVerificationKeyGet({ key_id: kid })).data.key`. Keys are kept once fetched:
 * Plaid signs with few keys and rotates them rarely.
 */
export function plaidWebhooks(fetchKey: (kid: string) => Promise<JsonWebKey | undefined>) {
  const keys = new Map<string, JsonWebKey>()
  const provider = plaid({
    async publicKey(kid) {
      const known = keys.get(kid)
      if (known) return known
      const key = await fetchKey(kid)
      if (key) keys.set(kid, key)
      return key
    },
  })
  return async function handle(request: Request): Promise<Response> {
    try {
      const event = await verifyWebhook(provider, {
        url: request.url,
        headers: request.headers,
        body: new Uint8Array(await request.arrayBuffer()),
      })
      // event.type: 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE'; event.id: the body's SHA-256.
      return Response.json({ id: event.id, type: event.type })
    } catch (error) {
      if (isWebhookVerificationError(error)) return new Response(error.code, { status: error.status })
      throw error
    }
  }
}
