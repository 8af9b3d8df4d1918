import { afterAll, beforeAll, describe, it } from 'vitest'
import { assertTable, runDeliveryTable } from '../table.js'
import { type BundledApp, bundleApp } from './bundle.js'
import type { Hosted } from './hosts.js'
import { describeRuntime, type RunningServer, type RuntimeBinary } from './runtime.js'
import { assertVectors, type VectorReport } from './vectors.js'

/** A runtime that serves the bundled app over loopback HTTP (every one but workerd, which Miniflare drives). */
export interface ServedRuntime {
  name: string
  /** The binary it runs as; none for a runtime loaded in this process (a missing one fails the import). */
  binary?: Omit<RuntimeBinary, 'name'>
  /** Starts the runtime on the bundle, listening on a free 127.0.0.1 port. */
  start(app: BundledApp): Promise<RunningServer>
  /** Each route that runs the vectors, and the crypto core runs them on there. */
  vectors: Record<string, VectorReport['crypto']>
}

/** A server in this process: its output is the test's own. */
export const withoutOutput = ({ url, stop }: Hosted): RunningServer => ({
  baseUrl: url,
  stop,
  output: () => ({ stdout: '', stderr: '' }),
})

/**
 * One runtime's tests: one server for the whole file, the delivery table once, the vectors once a route.
 * The server's own output is added to a failure, since the runtime's error is there.
 */
export function describeServedRuntime(runtime: ServedRuntime): void {
  const { name, binary } = runtime
  const describeIt = (body: () => void) =>
    binary ? describeRuntime({ name, ...binary }, body) : describe(name, body)
  describeIt(() => {
    let app: BundledApp | undefined
    let server: RunningServer | undefined
    beforeAll(async () => {
      app = await bundleApp()
      server = await runtime.start(app)
    }, 60_000)
    afterAll(async () => {
      await server?.stop()
      app?.dispose()
    })

    const withOutput = async (check: (baseUrl: string) => Promise<void>) => {
      if (!server) throw new Error(`${name} did not start`)
      try {
        await check(server.baseUrl)
      } catch (error) {
        const { stdout, stderr } = server.output()
        throw new Error(
          `${String(error)}\n--- ${name} stdout\n${stdout.slice(-2000)}\n--- stderr\n${stderr.slice(-2000)}`,
        )
      }
    }

    it('passes the delivery table', () =>
      withOutput(async (baseUrl) => assertTable(await runDeliveryTable(baseUrl), name)))

    it.each(Object.entries(runtime.vectors))(
      'verifies every known-answer vector at %s, on %s',
      (path, crypto) =>
        withOutput(async (baseUrl) => {
          const response = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(10_000) })
          assertVectors((await response.json()) as VectorReport, crypto, name)
        }),
    )
  })
}
