import { defineProvider } from './engine.js'
import { hmacDefinition } from './hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from './key-resolver.js'
import { parseJsonOrForm, stringField } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { prefixedFormat } from './signature-list.js'
import { toList } from './verifiers.js'

export interface GitHubOptions extends CommonProviderOptions {
  /** The webhook's secret (repository, organization or app settings). An array while rotating. */
  secret: Keys<string>
}

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>` of the body. GitHub signs no timestamp and no delivery id,
 * so there is no replay window; dedup on `X-GitHub-Delivery` is the only replay defence. `type` is
 * `X-GitHub-Event` joined to the payload's `action` when it has one (`issues.opened`, `push`). Bodies sent
 * with the form content type (`payload=<json>`) are read too. GitHub does not retry; redeliveries (by hand
 * or API, for deliveries up to 3 days old) reuse the delivery id, hence a 3-day dedup window.
 */
export function github(options: GitHubOptions): Provider {
  return resolvingKeys(options, githubWith, { secret: placeholderSecret })
}

/** `github` with fixed keys. */
function githubWith(options: StaticKeys<GitHubOptions>): Provider {
  const definition = hmacDefinition({
    name: 'github',
    retryHorizon: '3d',
    secrets: toList(options.secret, 'github: secret'),
    algorithm: 'sha256',
    encoding: 'hex',
    header: 'X-Hub-Signature-256',
    format: prefixedFormat('sha256='),
    signedContent: '{body}',
    idHeader: ['X-GitHub-Delivery'],
    typeHeader: 'X-GitHub-Event',
    parse(verified) {
      const payload = parseJsonOrForm(verified.raw, verified.headers, 'github', 'payload')
      const action = stringField(payload, 'action')
      const event = verified.type!
      return { payload, id: verified.id, type: action ? `${event}.${action}` : event }
    },
  })
  // sign({ type: 'issues.opened' }) sends `X-GitHub-Event: issues`; the action lives in the body.
  return defineProvider({ ...definition, typeHeaderValue: (type) => type.split('.', 1)[0]! }, options)
}
