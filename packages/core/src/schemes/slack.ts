import { defineProvider } from './engine.js'
import { hmacDefinition } from './hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from './key-resolver.js'
import { parseJsonOrForm, stringField, untypedEventType } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { prefixedFormat } from './signature-list.js'
import { toList } from './verifiers.js'

export interface SlackOptions extends CommonProviderOptions {
  /**
   * The app's shared secret, which Slack calls the Signing Secret (api.slack.com > Your app > Basic
   * Information). An array while rotating.
   */
  secret: Keys<string>
}

/**
 * Slack: `X-Slack-Signature: v0=<hex>` of `v0:{X-Slack-Request-Timestamp}:{body}`. Events API bodies are
 * JSON; slash commands are forms; interactivity is a form whose `payload` field is JSON: all three parse.
 * `url_verification` is answered by `reply()` with its challenge and never reaches handlers. Slack retries
 * an event three times within about an hour (`X-Slack-Retry-Num`), with the same `event_id`.
 */
export function slack(options: SlackOptions): Provider {
  return resolvingKeys(options, slackWith, { secret: placeholderSecret })
}

/** `slack` with fixed keys. */
function slackWith(options: StaticKeys<SlackOptions>): Provider {
  const definition = hmacDefinition({
    name: 'slack',
    retryHorizon: '1h',
    secrets: toList(options.secret, 'slack: secret'),
    algorithm: 'sha256',
    encoding: 'hex',
    header: 'X-Slack-Signature',
    format: prefixedFormat('v0='),
    signedContent: 'v0:{timestamp}:{body}',
    timestampHeader: 'X-Slack-Request-Timestamp',
    parse(verified) {
      const payload = parseJsonOrForm(verified.raw, verified.headers, 'slack', 'payload')
      return {
        payload,
        id: stringField(payload, 'event_id') ?? stringField(payload, 'trigger_id'),
        type: slackType(payload),
      }
    },
  })
  return defineProvider(
    {
      ...definition,
      reply(event) {
        const challenge = stringField(event.payload, 'challenge')
        if (event.type !== 'url_verification' || challenge === undefined) return undefined
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ challenge }),
        }
      },
    },
    options,
  )
}

/**
 * The inner event's type for Events API callbacks (`app_mention`), the command for slash commands
 * (`/deploy`), the payload's own type otherwise (`url_verification`, `block_actions`, `view_submission`).
 */
function slackType(payload: unknown): string {
  const type = stringField(payload, 'type')
  if (type === 'event_callback') return stringField((payload as { event?: unknown }).event, 'type') ?? type
  return type ?? stringField(payload, 'command') ?? untypedEventType
}
