import { createReceiver, type RawRequest, type Receiver } from '@hookgate/core'
import { instrument } from '@hookgate/otel'
import { type BenchBody, eventId, withEventId } from '../bodies.js'
import type { MicroTask } from './harness.js'
import type { BenchProvider } from './providers.js'
import { invoicePaid } from './schema.js'

/** Row names the targets refer to. */
export const hookgateRows = {
  verify: (provider: string) => `hookgate ${provider}: verify`,
  verifyParse: (provider: string) => `hookgate ${provider}: verify + parse`,
  first: (provider: string) => `hookgate ${provider}: receive(), first delivery`,
  firstZod: (provider: string) => `hookgate ${provider}: receive() + zod schema, first delivery`,
  firstInstrumented: (provider: string) =>
    `hookgate ${provider}: receive(), first delivery, instrument() with no OpenTelemetry SDK`,
  duplicate: (provider: string) => `hookgate ${provider}: receive(), duplicate`,
} as const

/** Ids already used in this process: every delivery the bench signs is new unless it means a duplicate. */
let deliveries = 0

/** A signed delivery of `body` with a fresh id (in the payload, and in the headers where the provider puts it). */
export async function freshDelivery(sender: BenchProvider, body: BenchBody): Promise<RawRequest> {
  const id = eventId(++deliveries)
  const text = withEventId(body, id)
  const signed = await sender.provider.sign({ body: text, id, type: body.type })
  return {
    method: 'POST',
    url: signed.url ?? 'https://bench.example/webhooks',
    headers: signed.headers,
    body: Buffer.from(text),
  }
}

/** Fails the run when a row would measure another path than its name says (a 401, a duplicate, ...). */
function expectStatus(what: string, status: number, expected: number): void {
  if (status !== expected) throw new Error(`${what}: expected ${expected}, got ${status}`)
}

/**
 * hookgate's rows for one provider and body: the provider alone (verify; verify + parse), and the receiver's
 * whole `receive()` with its defaults (memory store, memory queue, a no-op handler) with a new id per call
 * (the untimed `prepare` signs them): without a schema (the target's path: verify, parse, payload hash, claim,
 * handoff) and with the zod schema apps declare; then the same delivery again (a duplicate).
 */
export async function hookgateTasks(
  sender: BenchProvider,
  body: BenchBody,
): Promise<{ tasks: MicroTask[]; receivers: Receiver[] }> {
  const size = body.bytes.length
  const { provider } = sender
  const request = await freshDelivery(sender, body)

  const plainReceiver = createReceiver({ provider }).on('*', () => {})
  const zodReceiver = createReceiver({ provider }).on('*', invoicePaid, () => {})
  const duplicateReceiver = createReceiver({ provider }).on('*', () => {})
  // No SDK is registered in the bench process: every span and metric is the OpenTelemetry API's no-op.
  const instrumentedReceiver = createReceiver({ provider }).on('*', () => {})
  instrument(instrumentedReceiver)
  const duplicate = await freshDelivery(sender, body)
  /** A row of first deliveries: `prepare` signs as many new ones as the next batch takes. */
  const firstDeliveries = (receiver: Receiver, row: string): Pick<MicroTask, 'prepare' | 'run'> => {
    const ready: RawRequest[] = []
    return {
      async prepare(calls) {
        ready.length = 0
        for (let i = 0; i < calls; i++) ready.push(await freshDelivery(sender, body))
      },
      run: async () => {
        const request = ready.pop()
        if (request === undefined) throw new Error(`${row}: more calls than prepared deliveries`)
        expectStatus(row, (await receiver.receive(request)).status, 202)
      },
    }
  }
  const receiveDuplicate = async () => {
    expectStatus(
      hookgateRows.duplicate(sender.name),
      (await duplicateReceiver.receive(duplicate)).status,
      200,
    )
  }

  return {
    receivers: [plainReceiver, zodReceiver, duplicateReceiver, instrumentedReceiver],
    tasks: [
      {
        group: 'hookgate',
        name: hookgateRows.verify(sender.name),
        size,
        run: () => provider.verify(request),
      },
      {
        group: 'hookgate',
        name: hookgateRows.verifyParse(sender.name),
        size,
        run: async () => provider.parse(await provider.verify(request)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.first(sender.name),
        size,
        ...firstDeliveries(plainReceiver, hookgateRows.first(sender.name)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.firstInstrumented(sender.name),
        size,
        ...firstDeliveries(instrumentedReceiver, hookgateRows.firstInstrumented(sender.name)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.firstZod(sender.name),
        size,
        ...firstDeliveries(zodReceiver, hookgateRows.firstZod(sender.name)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.duplicate(sender.name),
        size,
        // The first call accepts it; every later call is the duplicate this row measures.
        check: async () => {
          expectStatus(
            'first sight of the duplicate',
            (await duplicateReceiver.receive(duplicate)).status,
            202,
          )
        },
        run: receiveDuplicate,
      },
    ],
  }
}
