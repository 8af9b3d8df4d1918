// The fuzz run: random mutations of fresh valid deliveries through one adapter. Every answer must be a
// typed hookgate answer (or Node's own refusal of a request that is not valid HTTP), and a 2xx is allowed
// only when the oracle says the signed content and its signature survived the mutation.
import { type OutcomeCode, rejectionStatus } from '@hookgate/core'
import fc from 'fast-check'
import { framed, type Sent, without } from './case.js'
import { applyMutations, mayBeAccepted, mutantArbitrary } from './mutations.js'
import { expectedSignature, type Sender, signedDelivery } from './providers.js'
import { chunk } from './raw-http.js'
import type { Session } from './session.js'
import type { Target } from './targets.js'

/**
 * Cases per adapter and provider: `HOOKGATE_FUZZ_RUNS`, else 600 in CI (5 to 8 ms each: about half a minute for
 * the six runs) and 40 locally. Each run also stops, as passed, after `fuzzTimeLimitMs` on a slow machine.
 */
export const fuzzRuns = Number(process.env.HOOKGATE_FUZZ_RUNS ?? (process.env.CI ? 600 : 40))
export const fuzzTimeLimitMs = 20_000

const everyRejection = Object.keys(rejectionStatus) as OutcomeCode[]

function chunked(headers: readonly [string, string][], body: Buffer, count: number): Sent {
  const size = Math.ceil(body.length / count) || 1
  const parts = Array.from({ length: count }, (_, i) => body.subarray(i * size, (i + 1) * size)).filter(
    (p) => p.length > 0,
  )
  return {
    headers: [...without(headers, 'transfer-encoding'), ['transfer-encoding', 'chunked']],
    body: [...parts.map((p) => chunk(p)), chunk()],
  }
}

export async function fuzzDelivery(options: {
  provider: Sender
  target: Target
  session: Session
  label: string
}) {
  const { provider, target, session, label } = options
  const names = [
    ...new Set([...(await signedDelivery(provider)).headers.map(([name]) => name), 'content-type']),
  ]
  await fc.assert(
    fc.asyncProperty(mutantArbitrary(names), async ({ mutations, chunks }) => {
      const original = await signedDelivery(provider)
      const mutant = applyMutations(original, mutations)
      if (!mutant.body.equals(original.body))
        session.capture.sensitive(await expectedSignature(provider, original, mutant.body))
      const sent =
        chunks === null ? framed(mutant.headers, mutant.body) : chunked(mutant.headers, mutant.body, chunks)
      const { judgement } = await session.send(target, label, sent, {
        accept: mayBeAccepted(provider, original, mutant) ? ['accepted', 'duplicate'] : [],
        reject: everyRejection,
        // Bytes no HTTP parser takes (control characters in a header value) never reach the adapter.
        httpRefusal: [400],
      })
      if (judgement.verdict !== 'rejected' && judgement.verdict !== 'accepted')
        throw new Error(`${judgement.verdict}: ${judgement.detail}`)
    }),
    { numRuns: fuzzRuns, interruptAfterTimeLimit: fuzzTimeLimitMs, markInterruptAsFailure: false },
  )
}
