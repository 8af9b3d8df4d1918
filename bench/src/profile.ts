/**
 * How long and how hard each section runs. One table so the full run, the quick run and the CI smoke run
 * differ only in these numbers, never in what they measure.
 */
export interface Profile {
  readonly name: 'full' | 'quick' | 'smoke'
  /** Body sizes of the micro section, in bytes. */
  readonly sizes: readonly number[]
  /** Alternating repetitions: every task runs once per repetition, in a rotated order. */
  readonly microReps: number
  /** Measured time per task and repetition, ms. */
  readonly microTimeMs: number
  readonly microWarmupMs: number
  /** Minimum measured iterations per task and repetition (guards the 256 KiB rows, which are slow). */
  readonly microMinIterations: number
  readonly httpReps: number
  /** Seconds of load per route and repetition. */
  readonly httpSeconds: number
  /** Seconds of unmeasured load per route before the first repetition (JIT, connection setup). */
  readonly httpWarmupSeconds: number
  readonly httpConnections: number
  readonly httpBodyBytes: number
  /** Ids held by the memory store when its size is measured. */
  readonly memoryStoreIds: number
  /** Keys written to Redis when its memory per key is measured. */
  readonly redisMemoryKeys: number
}

const KiB = 1024

export const profiles: Record<Profile['name'], Profile> = {
  full: {
    name: 'full',
    sizes: [1 * KiB, 2 * KiB, 16 * KiB, 256 * KiB],
    microReps: 4,
    microTimeMs: 150,
    microWarmupMs: 75,
    microMinIterations: 64,
    httpReps: 3,
    httpSeconds: 3,
    httpWarmupSeconds: 1.5,
    httpConnections: 50,
    httpBodyBytes: 2 * KiB,
    memoryStoreIds: 1_000_000,
    redisMemoryKeys: 100_000,
  },
  quick: {
    name: 'quick',
    sizes: [1 * KiB, 2 * KiB, 16 * KiB, 256 * KiB],
    microReps: 3,
    microTimeMs: 80,
    microWarmupMs: 40,
    microMinIterations: 32,
    httpReps: 2,
    httpSeconds: 2,
    httpWarmupSeconds: 1,
    httpConnections: 50,
    httpBodyBytes: 2 * KiB,
    memoryStoreIds: 200_000,
    redisMemoryKeys: 20_000,
  },
  smoke: {
    name: 'smoke',
    sizes: [2 * KiB],
    microReps: 2,
    microTimeMs: 5,
    microWarmupMs: 2,
    microMinIterations: 8,
    httpReps: 1,
    httpSeconds: 0.2,
    httpWarmupSeconds: 0,
    httpConnections: 4,
    httpBodyBytes: 2 * KiB,
    memoryStoreIds: 2_000,
    redisMemoryKeys: 200,
  },
}
