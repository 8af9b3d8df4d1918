import { type VectorResult, vectors } from '../../../packages/core/test/schemes/vectors.js'

/** What the app's `/vectors` route answers (fixtures/entry.ts). */
export interface VectorReport {
  crypto: 'node:crypto' | 'Web Crypto'
  results: VectorResult[]
}

/**
 * Throws unless the runtime ran every vector of vectors.ts (none missing, none extra), each passed, on the
 * crypto expected there.
 */
export function assertVectors(report: VectorReport, crypto: VectorReport['crypto'], runtime: string): void {
  const problems: string[] = []
  if (report.crypto !== crypto) problems.push(`ran on ${report.crypto}, expected ${crypto}`)
  const ran = report.results.map((result) => result.name)
  const expected = vectors.map((vector) => vector.name)
  if (ran.join('\n') !== expected.join('\n')) {
    problems.push(
      `ran ${ran.length} vectors, expected the ${expected.length} of vectors.ts: ${ran.join(', ')}`,
    )
  }
  for (const result of report.results) {
    if (!result.passed) problems.push(`FAIL ${result.name}: ${result.error}`)
  }
  if (problems.length > 0) {
    throw new Error(`known-answer vectors on ${runtime} (${crypto}):\n${problems.join('\n')}`)
  }
}
