import { describe, expect, it } from 'vitest'
import { createProgress } from '../src/output/progress.js'

const stream = (isTTY: boolean) => {
  const writes: string[] = []
  return { writes, isTTY, write: (text: string) => writes.push(text) }
}

describe('createProgress', () => {
  it('writes nothing when disabled', () => {
    const out = stream(true)
    const progress = createProgress(out, 10, false)
    progress.update(10, 0)
    expect(out.writes).toEqual([])
  })

  it('redraws one line in place on a terminal and ends it when done', () => {
    const out = stream(true)
    const progress = createProgress(out, 2, true)
    progress.update(1, 1)
    progress.clear()
    progress.update(2, 1)
    expect(out.writes).toEqual([
      '\r\x1b[Ksent 1/2, 1 not 2xx',
      '\r\x1b[K',
      '\r\x1b[Ksent 2/2, 1 not 2xx',
      '\n',
    ])
  })

  it('writes plain lines when forced on a pipe', () => {
    const out = stream(false)
    const progress = createProgress(out, 3, true)
    progress.update(1, 0)
    progress.update(2, 0) // throttled: within a second of the last line
    progress.update(3, 0) // the last one always shows
    expect(out.writes).toEqual(['sent 1/3\n', 'sent 3/3\n'])
  })
})
