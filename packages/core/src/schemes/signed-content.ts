import type { SignedParts } from '../crypto/backend.js'
import { WebhookVerificationError } from '../errors.js'
import type { SignedFields } from './engine.js'

/**
 * What a sender signs: a template such as `'{timestamp}.{body}'` (placeholders `{body}`, `{timestamp}`,
 * `{id}`, `{url}`), or a function returning the parts to sign in order.
 */
export type SignedContent = string | ((fields: SignedFields) => SignedParts)

export type Placeholder = 'timestamp' | 'id' | 'url'

/**
 * Compiles a template once, at factory time, into a function that returns the parts to sign: the text
 * around the body is joined, the body itself is never copied. `uses` says which fields it needs.
 */
export function compileTemplate(template: string, option: string) {
  const tokens = template.split(/(\{(?:body|timestamp|id|url)\})/).filter(Boolean)
  const isPlaceholder = (token: string) => /^\{(?:body|timestamp|id|url)\}$/.test(token)
  if (tokens.some((token) => !isPlaceholder(token) && /\{\w*\}/.test(token)))
    throw new TypeError(
      `${option}: unknown placeholder in ${JSON.stringify(template)}; use {body}, {timestamp}, {id}, {url}`,
    )
  if (!tokens.includes('{body}')) throw new TypeError(`${option}: the template must contain {body}`)
  const uses = new Set(
    tokens
      .filter((token) => isPlaceholder(token) && token !== '{body}')
      .map((token) => token.slice(1, -1) as Placeholder),
  )
  const content = (fields: SignedFields): SignedParts => {
    const parts: (string | Uint8Array)[] = []
    let text = ''
    for (const token of tokens) {
      if (token === '{body}') {
        if (text) parts.push(text)
        parts.push(fields.body)
        text = ''
      } else if (token === '{timestamp}') text += fields.timestamp
      else if (token === '{id}') text += fields.id
      else if (token === '{url}') text += absoluteUrl(fields.url)
      else text += token
    }
    if (text) parts.push(text)
    return parts
  }
  return { content, uses }
}

/** Senders that sign the URL sign the absolute URL they called; a path alone can never match. */
export function absoluteUrl(url: string | undefined): string {
  if (url !== undefined && /^https?:\/\//i.test(url)) return url
  throw new WebhookVerificationError(
    'invalid_signature',
    `This sender signs the full URL it called, but request.url is ${url === undefined ? 'missing' : 'not absolute'}. Pass the absolute URL as the sender saw it (behind a proxy, rebuilt from X-Forwarded-Proto and X-Forwarded-Host).`,
  )
}
