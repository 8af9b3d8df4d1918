import { createReceiver, type RawRequest, type Receiver } from '@hookgate/core'
import { type BenchBody, eventId, withEventId } from '../bodies.js'
import type { MicroTask } from './harness.js'
import type { Provider } from './providers.js'
import { invoicePaid } from './schema.js'

/** Row names the targets refer to. */
export const hookgateRows = {
  verify: (provider: string) => `hookgate ${provider}: verify`,
  verifyParse: (provider: string) => `hookgate ${provider}: verify + parse`,
  first: (provider: string) => `hookgate ${provider}: receive(), first delivery`,
  firstZod: (provider: string) => `hookgate ${provider}: receive() + zod schema, first delivery`,
  duplicate: (provider: string) => `hookgate ${provider}: receive(), duplicate`,
} as const

/** Ids already used in this process: every delivery the bench signs is new unless it means a duplicate. */
let deliveries = 0

/** A signed delivery of `body` with a fresh id (in the payload, and in the headers where the provider puts it). */
export async function freshDelivery(provider: Provider, body: BenchBody): Promise<RawRequest> {
  const id = eventId(++deliveries)
  const text = withEventId(body, id)
  const signed = await provider.scheme.sign({ body: text, id, type: body.type })
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
 * hookgate's rows for one provider and body: the scheme alone (verify; verify + parse), and the receiver's
 * whole `receive()` with its defaults (memory store, memory queue, a no-op handler) with a new id per call
 * (the untimed `prepare` signs them): without a schema (the target's path: verify, parse, payload hash, claim,
 * handoff) and with the zod schema apps declare; then the same delivery again (a duplicate).
 */
export async function hookgateTasks(
  provider: Provider,
  body: BenchBody,
): Promise<{ tasks: MicroTask[]; receivers: Receiver[] }> {
  const size = body.bytes.length
  const { scheme } = provider
  const request = await freshDelivery(provider, body)

  const plainReceiver = createReceiver({ provider: scheme }).on('*', () => {})
  const zodReceiver = createReceiver({ provider: scheme }).on('*', invoicePaid, () => {})
  const duplicateReceiver = createReceiver({ provider: scheme }).on('*', () => {})
  const duplicate = await freshDelivery(provider, body)
  /** A row of first deliveries: `prepare` signs as many new ones as the next batch takes. */
  const firstDeliveries = (receiver: Receiver, row: string): Pick<MicroTask, 'prepare' | 'run'> => {
    const ready: RawRequest[] = []
    return {
      async prepare(calls) {
        ready.length = 0
        for (let i = 0; i < calls; i++) ready.push(await freshDelivery(provider, body))
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
      hookgateRows.duplicate(provider.name),
      (await duplicateReceiver.receive(duplicate)).status,
      200,
    )
  }

  return {
    receivers: [plainReceiver, zodReceiver, duplicateReceiver],
    tasks: [
      {
        group: 'hookgate',
        name: hookgateRows.verify(provider.name),
        size,
        run: () => scheme.verify(request),
      },
      {
        group: 'hookgate',
        name: hookgateRows.verifyParse(provider.name),
        size,
        run: async () => scheme.parse(await scheme.verify(request)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.first(provider.name),
        size,
        ...firstDeliveries(plainReceiver, hookgateRows.first(provider.name)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.firstZod(provider.name),
        size,
        ...firstDeliveries(zodReceiver, hookgateRows.firstZod(provider.name)),
      },
      {
        group: 'hookgate',
        name: hookgateRows.duplicate(provider.name),
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
