import { describe, expect, it } from 'vitest'
import { forEachConcurrent } from '../src/send/pool.js'

describe('forEachConcurrent', () => {
  it('never has more than `concurrency` in flight and pulls a lazy iterable only as it goes', async () => {
    let inFlight = 0
    let peak = 0
    let pulled = 0
    function* items() {
      for (let i = 0; i < 20; i++) {
        pulled++
        yield i
      }
    }
    const seen: number[] = []
    await forEachConcurrent(items(), 3, async (item) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      expect(pulled - seen.length).toBeLessThanOrEqual(3)
      await new Promise((resolve) => setTimeout(resolve, 1))
      seen.push(item)
      inFlight--
    })
    expect(peak).toBe(3)
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })
})
