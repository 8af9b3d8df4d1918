import { defineProvider } from '../engine.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { toList } from '../verifiers.js'
import { tokenDefinition } from './token-definition.js'

export interface GitLabOptions extends CommonProviderOptions {
  /**
   * The webhook's Secret token (project or group Settings > Webhooks), which GitLab sends as it is in
   * `X-Gitlab-Token`. An array while rotating.
   */
  secret: Keys<string>
}

/**
 * GitLab: `X-Gitlab-Token` must equal the secret token (compared in constant time; GitLab signs nothing, so
 * there is no timestamp either). `id` is `Idempotency-Key` (GitLab 17.4+, the same across retries), else
 * `X-Gitlab-Event-UUID`; `type` the payload's `object_kind` (`push`, `merge_request`), else its
 * `event_name` (system hooks), else `X-Gitlab-Event` (`Push Hook`). GitLab does not retry a failed
 * delivery (it disables a failing hook), but one can be resent from the hook's Recent events: the dedup
 * window defaults to 1 day.
 */
export function gitlab(options: GitLabOptions): Provider {
  return resolvingKeys(options, gitlabWith, { secret: placeholderSecret })
}

/** `gitlab` with fixed keys. */
function gitlabWith(options: StaticKeys<GitLabOptions>): Provider {
  return defineProvider(
    tokenDefinition({
      name: 'gitlab',
      retryHorizon: '1d',
      keyOptions: 'secret',
      header: 'X-Gitlab-Token',
      credentials: toList(options.secret, 'gitlab: secret'),
      idHeader: ['Idempotency-Key', 'X-Gitlab-Event-UUID'],
      typeHeader: 'X-Gitlab-Event',
      typeHeaderValue: gitlabEventHeader,
      id: () => undefined,
      type: ({ payload }) => stringField(payload, 'object_kind') ?? stringField(payload, 'event_name'),
    }),
    options,
  )
}

/** `merge_request` -> `Merge Request Hook`, as GitLab names the header; jobs are `build` in the payload. */
function gitlabEventHeader(type: string): string {
  if (type === 'build') return 'Job Hook'
  const words = type.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1))
  return `${words.join(' ')} Hook`
}
