import type { HeadersLike, JobTrace } from '@hookgate/core'
import { createTraceState, type SpanContext, TraceFlags } from '@opentelemetry/api'

/**
 * W3C Trace Context (`traceparent`, `tracestate`), read and written here rather than through the app's
 * propagator: the job's trace must round-trip whatever propagator the app set (or none), and a sender's
 * `traceparent` is what the issue asks to honour.
 */
const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/

/** The remote span context a `traceparent` (and `tracestate`) names; undefined for a malformed one. */
export function spanContextOf(trace: JobTrace | undefined): SpanContext | undefined {
  const match = trace && traceparentPattern.exec(trace.traceparent.trim())
  if (!match) return undefined
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string]
  // All-zero ids are invalid by the spec: such a parent is no parent.
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined
  return {
    traceId,
    spanId,
    traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED,
    isRemote: true,
    ...(trace.tracestate ? { traceState: createTraceState(trace.tracestate) } : {}),
  }
}

/** A span context as the job carries it. */
export function jobTraceOf(context: SpanContext): JobTrace {
  const traceparent = `00-${context.traceId}-${context.spanId}-0${(context.traceFlags & TraceFlags.SAMPLED).toString(16)}`
  const tracestate = context.traceState?.serialize()
  return tracestate ? { traceparent, tracestate } : { traceparent }
}

/** The request's Trace Context headers, from any header shape an adapter gives; undefined without one. */
export function requestTrace(headers: HeadersLike): JobTrace | undefined {
  const traceparent = header(headers, 'traceparent')
  if (traceparent === undefined) return undefined
  const tracestate = header(headers, 'tracestate')
  return tracestate === undefined ? { traceparent } : { traceparent, tracestate }
}

/** The names as a plain object of headers may spell them (Node's are lower case, `fetch`'s too). */
const capitalized = { traceparent: 'Traceparent', tracestate: 'Tracestate' } as const

/** One header's value; `name` is lower case, as Node and Web `Headers` give names. */
function header(headers: HeadersLike, name: keyof typeof capitalized): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  if (Symbol.iterator in headers) {
    for (const [key, value] of headers as Iterable<readonly [string, string]>)
      if (key.toLowerCase() === name) return value
    return undefined
  }
  const record = headers as Record<string, string | readonly string[] | number | undefined>
  const value = record[name] ?? record[capitalized[name as keyof typeof capitalized]]
  return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value)
}
