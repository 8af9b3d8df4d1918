import { describe, expect, it } from 'vitest'
import { andThen, someIndex } from '../src/maybe-promise.js'

describe('andThen', () => {
  it('continues at once on a value, and after a promise resolves', async () => {
    expect(andThen(2, (n) => n + 1)).toBe(3)
    const later = andThen(Promise.resolve(2), (n) => n + 1)
    expect(later).toBeInstanceOf(Promise)
    expect(await later).toBe(3)
  })

  it('throws synchronously what a synchronous continuation throws; rejects for a promise', async () => {
    const fail = () => {
      throw new Error('no')
    }
    expect(() => andThen(1, fail)).toThrow('no')
    await expect(andThen(Promise.resolve(1), fail)).rejects.toThrow('no')
  })
})

describe('someIndex', () => {
  it('tries indexes in order, stops at the first true, and stays synchronous when every check is', () => {
    const tried: number[] = []
    const check = (i: number) => {
      tried.push(i)
      return i === 2
    }
    expect(someIndex(5, check)).toBe(true)
    expect(tried).toEqual([0, 1, 2])
    expect(someIndex(0, check)).toBe(false)
    expect(someIndex(2, () => false)).toBe(false)
  })

  it('waits for asynchronous checks, in order, one at a time', async () => {
    const tried: number[] = []
    let running = 0
    const check = async (i: number) => {
      expect(running++).toBe(0)
      tried.push(i)
      await new Promise((resolve) => setTimeout(resolve, 1))
      running--
      return i === 3
    }
    const result = someIndex(6, check)
    expect(result).toBeInstanceOf(Promise)
    expect(await result).toBe(true)
    expect(tried).toEqual([0, 1, 2, 3])
    expect(await someIndex(2, async () => false)).toBe(false)
  })

  it('mixes synchronous and asynchronous checks', async () => {
    expect(await someIndex(4, (i) => (i % 2 === 0 ? false : Promise.resolve(i === 3)))).toBe(true)
  })
})
