import { RangesUnavailableError } from './errors.js'

/** Where a sender publishes the addresses it sends from, and how to read them out of that JSON. */
export interface SenderRanges {
  /** Names the list in errors and in `allowFrom`'s 403 message. */
  name: string
  /** The JSON document the sender publishes. */
  url: string
  /** The ranges in that document, or `undefined` when it is not of the shape expected. */
  read(json: unknown): readonly string[] | undefined
}

const stringsAt = (json: unknown, field: string): readonly string[] | undefined => {
  const list = (json as Record<string, unknown> | null)?.[field]
  return Array.isArray(list) && list.every((item) => typeof item === 'string') ? list : undefined
}

/**
 * The senders that publish their ranges. They change them, so fetch them at start and refresh them (a few
 * times a day): a hard-coded copy goes stale and starts refusing real deliveries.
 */
export const senderRanges = {
  /** GitHub's `hooks` ranges, from its meta API. */
  github: {
    name: 'GitHub hooks',
    url: 'https://api.github.com/meta',
    read: (json) => stringsAt(json, 'hooks'),
  },
  /** Stripe's webhook addresses. */
  stripe: {
    name: 'Stripe webhooks',
    url: 'https://stripe.com/files/ips/ips_webhooks.json',
    read: (json) => stringsAt(json, 'WEBHOOKS'),
  },
} as const satisfies Record<string, SenderRanges>

/** How `fetchRanges` fetches. */
export interface FetchRangesOptions {
  /**
   * Fetches from another place than `ranges.url` (a mirror, a test server).
   * @default ranges.url
   */
  url?: string
  /**
   * The `fetch` to use.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch
  /**
   * How long the request may take, in ms.
   * @default 10000
   */
  timeoutMs?: number
}

/**
 * A sender's published ranges, fetched now: for `allowFrom(...)`, or its `update(...)` when refreshing.
 * Rejects with `RangesUnavailableError` on a network failure, a non-2xx answer or a body of another shape,
 * so a refresh that fails keeps the ranges already in use.
 */
export async function fetchRanges(
  ranges: SenderRanges,
  options: FetchRangesOptions = {},
): Promise<readonly string[]> {
  const { url = ranges.url, fetch = globalThis.fetch, timeoutMs = 10_000 } = options
  let json: unknown
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!response.ok) throw new Error(`answered ${response.status}`)
    json = await response.json()
  } catch (cause) {
    throw new RangesUnavailableError(`could not fetch the ${ranges.name} ranges from ${url}`, { cause })
  }
  const list = ranges.read(json)
  if (list === undefined || list.length === 0) {
    throw new RangesUnavailableError(`${url} holds no ${ranges.name} ranges where they were expected`)
  }
  return list
}
