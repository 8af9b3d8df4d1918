import { type Logger, type RawRequest, stripe } from '@hookgate/core'

/** What must never reach a span, a metric or a log line: the secret, and markers in every payload. */
export const secret = 'whsec_otel_SECRET_never_exported_6f1c'
export const payloadMarker = 'PAYLOAD_MARKER_4b1e9'

export const provider = () => stripe({ secret })

let counter = 0
export const freshId = (prefix = 'evt') => `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`

/** A signed Stripe delivery of `type`, its payload carrying the marker. */
export async function signed(
  id: string,
  type = 'invoice.paid',
  { headers = {}, signWith = secret }: { headers?: Record<string, string>; signWith?: string } = {},
): Promise<RawRequest & { headers: Record<string, string> }> {
  const body = JSON.stringify({ id, type, data: { object: { note: payloadMarker } } })
  const request = await stripe({ secret: signWith }).sign({ body })
  return { method: 'POST', url: '/webhooks/stripe', headers: { ...request.headers, ...headers }, body }
}

/** A logger keeping every line it is given, as JSON (what a pino transport would write). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const line = (level: string) => (fields: Record<string, unknown>, msg: string) => {
    lines.push(JSON.stringify({ level, ...fields, msg }))
  }
  return { lines, debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') }
}

export const quiet: Logger = { info() {}, warn() {}, error() {} }

/** Polls with real timers until `check` passes. */
export async function until(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
}
