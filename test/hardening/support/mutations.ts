// Random mutations of a valid delivery for the fuzz run, and the oracle that says when accepting the
// mutated request would be a forgery: only a request whose signed content and signature survived may pass.
import fc from 'fast-check'
import { headerValue } from './case.js'
import type { Delivery, Sender } from './providers.js'

type TextEdit =
  | { op: 'flip'; at: number; char: string }
  | { op: 'truncate'; at: number }
  | { op: 'append' | 'replace'; text: string }
  | { op: 'upper' | 'lower' }

type BodyEdit =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }

export type Mutation =
  | { kind: 'value'; header: string; edit: TextEdit }
  | { kind: 'remove'; header: string }
  | { kind: 'duplicate'; header: string; edit: TextEdit | null }
  | { kind: 'body'; edit: BodyEdit }

export interface Mutant {
  mutations: Mutation[]
  /** Honest Content-Length, or chunked in this many chunks. */
  chunks: number | null
}

// Any byte a header value can carry on the wire except CR and LF (they would start another header).
const headerText = fc
  .array(
    fc.integer({ min: 0, max: 255 }).filter((c) => c !== 10 && c !== 13),
    { maxLength: 24 },
  )
  .map((codes) => String.fromCharCode(...codes))

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.nat(),
    char: headerText.filter((t) => t.length === 1),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constantFrom('append' as const, 'replace' as const), text: headerText }),
  fc.record({ op: fc.constantFrom('upper' as const, 'lower' as const) }),
)

const bodyEdit: fc.Arbitrary<BodyEdit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
)

/** One to three mutations of `headers` (the delivery's header names plus Content-Type) or the body. */
export function mutantArbitrary(headers: readonly string[]): fc.Arbitrary<Mutant> {
  const header = fc.constantFrom(...headers)
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('value' as const), header, edit: textEdit }),
    fc.record({ kind: fc.constant('remove' as const), header }),
    fc.record({ kind: fc.constant('duplicate' as const), header, edit: fc.option(textEdit) }),
    fc.record({ kind: fc.constant('body' as const), edit: bodyEdit }),
  )
  return fc.record({
    mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
    chunks: fc.option(fc.integer({ min: 1, max: 3 })),
  })
}

function editText(value: string, edit: TextEdit): string {
  const at = 'at' in edit ? edit.at % (value.length + 1) : 0
  switch (edit.op) {
    case 'flip':
      return value.slice(0, at) + edit.char + value.slice(at + 1)
    case 'truncate':
      return value.slice(0, at)
    case 'append':
      return value + edit.text
    case 'replace':
      return edit.text
    case 'upper':
      return value.toUpperCase()
    case 'lower':
      return value.toLowerCase()
  }
}

function editBody(body: Buffer, edit: BodyEdit): Buffer {
  const at = edit.at % (body.length + 1)
  switch (edit.op) {
    case 'flip':
      return Buffer.concat([body.subarray(0, at), Buffer.from([edit.byte]), body.subarray(at + 1)])
    case 'insert':
      return Buffer.concat([body.subarray(0, at), edit.bytes, body.subarray(at)])
    case 'delete':
      return Buffer.concat([body.subarray(0, at), body.subarray(at + edit.length)])
    case 'truncate':
      return body.subarray(0, at)
  }
}

/** The delivery with every mutation applied, in order. */
export function applyMutations(delivery: Delivery, mutations: readonly Mutation[]): Delivery {
  let headers = delivery.headers
  let body = delivery.body
  for (const m of mutations) {
    if (m.kind === 'body') body = editBody(body, m.edit)
    else if (m.kind === 'remove') headers = headers.filter(([n]) => n !== m.header)
    else if (m.kind === 'value')
      headers = headers.map(([n, v]): [string, string] => [n, n === m.header ? editText(v, m.edit) : v])
    else {
      const value = headerValue(headers, m.header)
      headers = [...headers, [m.header, m.edit ? editText(value, m.edit) : value]]
    }
  }
  return { ...delivery, headers, body }
}

/** What a server sees of a header: every occurrence, trimmed (HTTP strips the spaces around a value), joined. */
function seen(headers: readonly [string, string][], name: string): string {
  return headers
    .filter(([n]) => n === name)
    .map(([, v]) => v.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join(', ')
}

/** The `t=` values of a Stripe-Signature, as Stripe's format reads them. */
const stripeTimestamps = (value: string) => [...value.matchAll(/(?:^|[,\s])t=([^,\s]*)/g)].map((m) => m[1])

/**
 * Whether the mutant may be accepted: its body and every signed header read as before, and the original
 * signature is still in the signature header. Accepting anything else would mean a forged signature passed.
 */
export function mayBeAccepted(provider: Sender, original: Delivery, mutant: Delivery): boolean {
  if (!mutant.body.equals(original.body)) return false
  const signature = seen(mutant.headers, provider.signatureHeader)
  const bare = headerValue(original.headers, provider.signatureHeader)
    .replace(/^t=\d+,/, '')
    .replace(/^(v1=|v1,|sha256=)/, '')
  if (!signature.includes(bare)) return false
  if (provider.name === 'stripe') {
    const stamps = stripeTimestamps(signature)
    return stamps.length === 1 && stamps[0] === String(original.timestamp)
  }
  for (const name of ['webhook-id', 'webhook-timestamp'])
    if (seen(mutant.headers, name) !== seen(original.headers, name)) return false
  return true
}
