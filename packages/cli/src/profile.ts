import type { Provider } from '@hookgate/core'

/**
 * What the CLI must know about a provider beyond the library's: how to build the `Provider` from the one
 * `--secret`, how its bodies are encoded, and where its payloads carry the event id and time. Signing
 * itself is always the provider's `sign()`, never a second implementation.
 */
export interface ProviderProfile {
  /** The `--provider` value; the provider's own `name`. */
  name: string
  /** Where to find the secret, for `--help`. */
  secretHint: string
  provider(secret: string): Provider
  /**
   * How a bundled sample becomes bytes: JSON, a form (Twilio posts `application/x-www-form-urlencoded`), or
   * XML (Braintree signs a notification's XML; the sample's nested objects are its elements).
   */
  encoding: 'json' | 'form' | 'xml'
  /**
   * The `Content-Type` of every request, over the one `sign()` writes: CloudEvents' structured mode is
   * `application/cloudevents+json` (a receiver reads the mode from it), where its `sign()` says JSON.
   */
  contentType?: string
  /** The sample sent when neither `--event` nor `--type` is given. */
  defaultType: string
  /** Fresh ids look like the provider's own, so logs read naturally. */
  newId(): string
  /**
   * Top-level payload fields that carry the event id and the event time, where the provider puts them in
   * the body rather than a header. A bundled sample gets them refreshed so every delivery is a new event.
   */
  payloadId?: string
  payloadTime?: string
  /** The event type goes in a header (GitHub's `X-GitHub-Event`), so a payload file needs `--type`. */
  needsType?: true
  /** The URL is signed (Twilio), so `sign` needs `--url`. */
  needsUrl?: true
  /**
   * Stamps a fresh id and time into a bundled sample where top-level fields can't say where they go
   * (Linear's ms `webhookTimestamp`, HubSpot's array of events); `now` is unix seconds.
   */
  refresh?(payload: Record<string, unknown>, id: string, now: number): void
}
