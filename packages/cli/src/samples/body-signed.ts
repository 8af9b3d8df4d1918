/** The bundled samples of the providers in `../providers/body-signed.ts`, keyed like `catalog.ts`. */

import adyenAUTHORISATION from './adyen/AUTHORISATION.json' with { type: 'json' }
import adyenREFUND from './adyen/REFUND.json' with { type: 'json' }
import braintreeSubscriptionChargedSuccessfully from './braintree/subscription_charged_successfully.json' with {
  type: 'json',
}
import braintreeSubscriptionWentPastDue from './braintree/subscription_went_past_due.json' with {
  type: 'json',
}
import cloudeventsBlobCreated from './cloudevents/Microsoft.Storage.BlobCreated.json' with { type: 'json' }
import cloudeventsBlobDeleted from './cloudevents/Microsoft.Storage.BlobDeleted.json' with { type: 'json' }
import mailgunDelivered from './mailgun/delivered.json' with { type: 'json' }
import mailgunFailed from './mailgun/failed.json' with { type: 'json' }
import microsoftGraphCreated from './microsoft-graph/created.json' with { type: 'json' }
import microsoftGraphUpdated from './microsoft-graph/updated.json' with { type: 'json' }

export const bodySignedSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  adyen: { AUTHORISATION: adyenAUTHORISATION, REFUND: adyenREFUND },
  braintree: {
    subscription_charged_successfully: braintreeSubscriptionChargedSuccessfully,
    subscription_went_past_due: braintreeSubscriptionWentPastDue,
  },
  cloudevents: {
    'Microsoft.Storage.BlobCreated': cloudeventsBlobCreated,
    'Microsoft.Storage.BlobDeleted': cloudeventsBlobDeleted,
  },
  mailgun: { delivered: mailgunDelivered, failed: mailgunFailed },
  'microsoft-graph': { created: microsoftGraphCreated, updated: microsoftGraphUpdated },
}
