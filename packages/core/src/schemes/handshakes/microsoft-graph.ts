import { digest, timingSafeEqualText } from '../../crypto/backend.js'
import { WebhookVerificationError } from '../../errors.js'
import { toBytes } from '../../request.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { toList } from '../verifiers.js'
import { defineBodySigned, unreadableBody, unverifiedJson } from './body-signed.js'
import { methodOf, queryOf, textReply } from './replies.js'

export interface MicrosoftGraphOptions extends CommonProviderOptions {
  /**
   * The `clientState` you set when creating the subscription: every notification must carry it
   * (compared in constant time). An array while rotating, or for several subscriptions; or a resolver of
   * the request, for a clientState per tenant.
   */
  clientState: Keys<string>
}

interface GraphDelivery {
  payload: { value: Record<string, unknown>[] }
  /** Per notification: the fingerprint of its own content, the id it is deduplicated on. */
  ids: string[]
}

/**
 * Microsoft Graph change notifications: creating a subscription (and each lifecycle re-validation) POSTs
 * `?validationToken=...`, answered at once 200 text/plain with the token, decoded, as Graph wants within
 * 10 seconds. Graph signs nothing: each notification of `value[]` must carry the subscription's
 * `clientState`, or the whole delivery is refused (401). Rich notifications' `validationTokens` JWTs are
 * not checked.
 *
 * A delivery is split: each notification of `value[]` is its own event, of its `lifecycleEvent`
 * (`reauthorizationRequired`) or `changeType` (`created`). Graph gives no notification id, and
 * `subscriptionId` + `resource` + `changeType` repeats for every change of one resource (two updates of a
 * message would be taken for one), so the id is the SHA-256 of the notification as sent: a retry resends
 * it unchanged, however Graph batches it. Graph retries for up to 4 hours: the dedup window defaults to
 * 4 hours.
 */
export function microsoftGraph(options: MicrosoftGraphOptions): Provider {
  return resolvingKeys(options, microsoftGraphWith, { clientState: placeholderSecret })
}

/** `microsoftGraph` with a fixed clientState. */
function microsoftGraphWith(options: StaticKeys<MicrosoftGraphOptions>): Provider {
  const states = toList(options.clientState, 'microsoftGraph: clientState')
  return defineBodySigned(
    {
      name: 'microsoft-graph',
      retryHorizon: '4h',
      signsTimestamp: false,
      handshake(request) {
        const token = methodOf(request) === 'POST' ? queryOf(request).get('validationToken') : null
        return token === null ? undefined : textReply(token)
      },
      async authenticate({ raw }): Promise<GraphDelivery> {
        const payload = unverifiedJson(raw, 'microsoft-graph') as { value?: unknown }
        if (!Array.isArray(payload?.value) || payload.value.some((item) => typeof item !== 'object' || !item))
          throw unreadableBody('microsoft-graph', 'has no value[] of notifications')
        const items = payload.value as Record<string, unknown>[]
        for (const item of items) {
          const state = stringField(item, 'clientState') ?? ''
          if (!states.some((expected) => timingSafeEqualText(state, expected)))
            throw new WebhookVerificationError(
              'invalid_signature',
              'A notification does not carry the configured clientState: check it is the one of this subscription.',
            )
        }
        const ids = await Promise.all(
          items.map((item) => digest('sha256', JSON.stringify(item), 'base64url')),
        )
        return { payload: { value: items }, ids }
      },
      parse(verified, parsed) {
        const payload =
          (parsed as GraphDelivery | undefined)?.payload ?? parseJson(verified.raw, 'microsoft-graph')
        return { payload, id: undefined, type: 'notifications' }
      },
      split(payload, _event, parsed) {
        const { value } = payload as GraphDelivery['payload']
        const ids = (parsed as GraphDelivery | undefined)?.ids
        return value.map((item, i) => ({
          payload: item,
          id: ids?.[i],
          type: stringField(item, 'lifecycleEvent') ?? stringField(item, 'changeType') ?? 'notification',
        }))
      },
      async sign(input) {
        const body = parseJson(toBytes(input.body), 'microsoft-graph') as {
          value?: Record<string, unknown>[]
        }
        const value = (body.value ?? []).map((item) => ({ ...item, clientState: states[0] }))
        return {
          url: input.url,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...body, value }),
        }
      },
    },
    options,
  )
}
