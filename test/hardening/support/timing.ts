// A statistical timing-leak check for comparisons: does checking a guess that differs in its first byte take
// as long as checking one that differs in its last? An early-exit comparison takes longer the later the
// first difference, which is what lets an attacker find a signature byte by byte.

export interface TimingGap {
  /** Median time of a batch of late-differing guesses over that of early-differing ones. */
  ratio: number
  /** True when the ratio is outside [1 / threshold, threshold] in both of two measurements. */
  leaks: boolean
}

export interface GapOptions {
  /** Pairs of batches measured, alternating which goes first. Default 151. */
  samples?: number
  /** Default 1.5: a constant-time comparison stays near 1, an early exit on long inputs is many times over. */
  threshold?: number
}

/** Times one batch of checks of one guess, in ns. */
type TimeBatch = (guess: 'early' | 'late') => Promise<number>

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function measure(time: TimeBatch, samples: number): Promise<number> {
  const early: number[] = []
  const late: number[] = []
  for (let i = 0; i < samples; i++) {
    // Interleaved, order alternating: drift (frequency scaling, a neighbour's load) hits both sides alike.
    const order = i % 2 === 0 ? (['early', 'late'] as const) : (['late', 'early'] as const)
    for (const guess of order) (guess === 'early' ? early : late).push(await time(guess))
  }
  return median(late) / median(early)
}

/** Measured twice when the first looks like a leak (a noisy neighbour can spoil one run): a leak shows in both. */
async function gap(time: TimeBatch, options: GapOptions): Promise<TimingGap> {
  const { samples = 151, threshold = 1.5 } = options
  const outside = (ratio: number) => ratio > threshold || ratio < 1 / threshold
  await measure(time, 21) // warm-up: let the JIT settle first
  const first = await measure(time, samples)
  if (!outside(first)) return { ratio: first, leaks: false }
  const second = await measure(time, samples)
  return { ratio: second, leaks: outside(second) }
}

/** `compare(secret, guess)` for guesses wrong in the first and in the last byte, in batches of `batch`. */
export function comparisonGap<T>(
  compare: (a: T, b: T) => boolean,
  inputs: { secret: T; early: T; late: T },
  options: GapOptions & { batch?: number } = {},
): Promise<TimingGap> {
  const { batch = 200 } = options
  return gap(async (guess) => {
    const value = inputs[guess]
    let equal = 0
    const start = process.hrtime.bigint()
    for (let i = 0; i < batch; i++) if (compare(inputs.secret, value)) equal++
    const ns = Number(process.hrtime.bigint() - start)
    // Checked, so the engine cannot drop the comparisons as dead code.
    if (equal !== 0) throw new Error('the guesses must differ from the secret')
    return ns
  }, options)
}

/** `check(guess)` (a whole verification, say) run `batch` times at once, for the two guesses. */
export function checkGap<T>(
  check: (guess: T) => Promise<unknown>,
  inputs: { early: T; late: T },
  options: GapOptions & { batch?: number } = {},
): Promise<TimingGap> {
  const { batch = 50 } = options
  return gap(async (guess) => {
    const start = process.hrtime.bigint()
    await Promise.allSettled(Array.from({ length: batch }, () => check(inputs[guess])))
    return Number(process.hrtime.bigint() - start)
  }, options)
}

/** A secret of `length` random bytes and two guesses: wrong in the first byte, wrong in the last. */
export function guessesFor(length: number): { secret: Uint8Array; early: Uint8Array; late: Uint8Array } {
  const secret = crypto.getRandomValues(new Uint8Array(length))
  const early = secret.slice()
  early[0] = secret[0]! ^ 1
  const late = secret.slice()
  late[length - 1] = secret[length - 1]! ^ 1
  return { secret, early, late }
}
