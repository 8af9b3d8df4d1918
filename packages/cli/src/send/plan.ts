import type { ProviderProfile } from '../providers.js'
import { samplePayload } from '../samples.js'
import { toXml } from './xml.js'

/** One HTTP request to make: an event, or a duplicate of one (same id, same body, signed again). */
export interface Delivery {
  /** 1-based position in the send. */
  seq: number
  id: string
  type: string | undefined
  body: string | Uint8Array
  contentType: string
  /** 0 for the first delivery of an event, 1..K for its duplicates. */
  copy: number
}

/** Where bodies come from: a bundled sample (fresh event each time) or a file sent byte for byte. */
export type PayloadSource = { sample: string } | { file: Uint8Array; type?: string }

export interface PlanOptions {
  profile: ProviderProfile
  source: PayloadSource
  /** Distinct events to send. */
  repeat: number
  /** Extra copies of each event, as a provider's retries would send them. */
  duplicates: number
  /** The id of the (single) event; fresh provider-looking ids otherwise. */
  id?: string
  /** Unix seconds, stamped into samples that carry a time. */
  now?: () => number
}

const contentTypes = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  xml: 'application/xml',
} as const

/**
 * The deliveries of one send, lazily: a send of a million events never holds a million bodies. Each event
 * is followed by its duplicates, which the sender holds back until the original is answered.
 */
export function* planDeliveries(options: PlanOptions): Generator<Delivery> {
  const { profile, source } = options
  let seq = 0
  for (let event = 0; event < options.repeat; event++) {
    const id = options.id ?? profile.newId()
    const { body, type, contentType } =
      'sample' in source
        ? { ...sampleBody(profile, source.sample, id, options.now?.() ?? nowSeconds()), type: source.sample }
        : { body: source.file, type: source.type, contentType: guessContentType(source.file) }
    for (let copy = 0; copy <= options.duplicates; copy++) {
      yield { seq: ++seq, id, type, body, contentType, copy }
    }
  }
}

/** How many requests `planDeliveries` yields, for progress and the summary. */
export function plannedCount(options: Pick<PlanOptions, 'repeat' | 'duplicates'>): number {
  return options.repeat * (1 + options.duplicates)
}

/** A bundled sample as a new event: the provider's id and time fields refreshed, encoded as it sends them. */
export function sampleBody(
  profile: ProviderProfile,
  type: string,
  id: string,
  now: number,
): { body: string; contentType: string } {
  const payload = samplePayload(profile.name, type)
  if (profile.payloadId) payload[profile.payloadId] = id
  if (profile.payloadTime) payload[profile.payloadTime] = now
  profile.refresh?.(payload, id, now)
  const body =
    profile.encoding === 'form'
      ? new URLSearchParams(payload as Record<string, string>).toString()
      : profile.encoding === 'xml'
        ? toXml(payload)
        : JSON.stringify(payload)
  return { body, contentType: contentTypes[profile.encoding] }
}

/** A file's bytes are sent as they are; JSON unless they do not parse as JSON, then a form. */
function guessContentType(bytes: Uint8Array): string {
  try {
    JSON.parse(Buffer.from(bytes).toString('utf8'))
    return contentTypes.json
  } catch {
    return contentTypes.form
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000)
