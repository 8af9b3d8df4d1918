// Senders with a handshake (a challenge to answer, a secret to store) or a signature inside the body.
// Each is one definition on the engine (engine.ts) or on body-signed.ts, answering its handshake itself.

export { type AdyenOptions, adyen } from './adyen.js'
export { type AsanaOptions, asana } from './asana.js'
export { type BraintreeNotification, type BraintreeOptions, braintree } from './braintree.js'
export { type CloudEventsOptions, cloudEvents } from './cloud-events.js'
export { type DropboxOptions, dropbox } from './dropbox.js'
export { type MailgunOptions, mailgun } from './mailgun.js'
export { type MetaOptions, meta } from './meta.js'
export { type MicrosoftGraphOptions, microsoftGraph } from './microsoft-graph.js'
export { type NotionOptions, notion } from './notion.js'
export { type OktaOptions, okta } from './okta.js'
export type { SecretCallback } from './stored-secret.js'
export { type TwitchOptions, twitch } from './twitch.js'
export { type XOptions, x } from './x.js'
export { type ZoomOptions, zoom } from './zoom.js'
