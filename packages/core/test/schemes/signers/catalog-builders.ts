import { generateKeyPairSync } from 'node:crypto'
import type { Provider } from '@hookgate/core'
import * as core from '@hookgate/core'

/** How the catalog test builds the signers' providers: keys that sign, where `{ secret }` is not enough. */
const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ed25519Seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'

export const signerBuilders: Record<string, () => Provider> = {
  clerk: () => core.clerk({ secret: whsec }),
  resend: () => core.resend({ secret: whsec }),
  replicate: () => core.replicate({ secret: whsec }),
  openai: () => core.openai({ secret: whsec }),
  supabase: () => core.supabase({ secret: `v1,${whsec}` }),
  discord: () => core.discord({ secret: ed25519Seed }),
  sendgrid: () =>
    core.sendgrid({
      publicKey: p256.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      secret: p256.privateKey.export({ format: 'jwk' }),
    }),
  plaid: () =>
    core.plaid({
      publicKey: () => undefined,
      secret: { ...p256.privateKey.export({ format: 'jwk' }), kid: 'k' },
    }),
  postmark: () => core.postmark({ username: 'user', password: 'pass' }),
  basicAuth: () => core.basicAuth({ username: 'user', password: 'pass' }),
  token: () => core.token({ token: 'catalog-token' }),
}
