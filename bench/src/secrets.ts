/**
 * The secrets every row signs with. One HMAC key for everyone, in each provider's own spelling, so the
 * floor, the peers and hookgate hash with the same key length.
 */
const key = Buffer.from('bench-only-hmac-key-32-bytes-long')

export const secrets = {
  /** The raw key bytes: what the floor and Web Crypto use. */
  key,
  /** Standard Webhooks / Svix spelling: `whsec_` + base64 of the key. */
  standardWebhooks: `whsec_${key.toString('base64')}`,
  /** Stripe and GitHub use the secret string's UTF-8 bytes as the key. */
  text: key.toString('latin1'),
} as const
