import type { Provider } from '@hookgate/core'
import * as core from '@hookgate/core'

/** How the catalog test builds the providers with a handshake, where `{ secret }` is not enough. */
const secret = 'catalog-secret'
const store = () => {}

export const handshakeBuilders: Record<string, () => Provider> = {
  meta: () => core.meta({ secret, verifyToken: 'catalog-verify-token' }),
  cloudEvents: () => core.cloudEvents({ token: 'catalog-token' }),
  asana: () => core.asana({ secret, onHookSecret: store }),
  notion: () => core.notion({ secret, onVerificationToken: store }),
  microsoftGraph: () => core.microsoftGraph({ clientState: 'catalog-client-state' }),
  braintree: () => core.braintree({ publicKey: 'catalog_public_key', secret }),
  adyen: () => core.adyen({ secret: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056' }),
}
