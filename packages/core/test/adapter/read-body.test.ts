// readBody on a Node stream (read by its events) and on async chunks, with the deadline sweeper that serves
// both. Timers are fake: every test leaves the sweeper stopped for the next.
import { PassThrough } from 'node:stream'
import { type BodyReadResult, readBody } from '@hookgate/core/adapter'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const text = (read: BodyReadResult) => (read.ok ? new TextDecoder().decode(read.body) : read.outcome.code)

/** A PassThrough that fails the test if read through its async iterator. */
function nodeStream(): PassThrough {
  const stream = new PassThrough()
  stream[Symbol.asyncIterator] = () => {
    throw new Error('read through the async iterator')
  }
  return stream
}

/** The `drained` of a refusal; fails the test when there is none. */
function drainedOf(read: BodyReadResult): Promise<void> {
  if (read.ok || read.drained === undefined) throw new Error('expected a refusal that drains the body')
  return read.drained
}

/** Whether `promise` has settled, as of now. */
function settled(promise: Promise<unknown>): () => boolean {
  let done = false
  promise.then(
    () => {
      done = true
    },
    () => {
      done = true
    },
  )
  return () => done
}

const ourListeners = (stream: PassThrough) =>
  ['data', 'end', 'close'].map((event) => stream.listenerCount(event))

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})

afterEach(async () => {
  // Every read is over by now: the sweeper stops at its next step.
  await vi.advanceTimersByTimeAsync(60_000)
  expect(vi.getTimerCount()).toBe(0)
  vi.useRealTimers()
})

describe('readBody from a Node stream', () => {
  const limits = { maxBytes: 5, timeoutMs: 1000 }

  it('reads the chunks by events into one body, then lets go of the stream', async () => {
    const stream = nodeStream()
    const read = readBody(stream, limits)
    stream.write('ab')
    stream.end('cde')
    expect(text(await read)).toBe('abcde')
    expect(ourListeners(stream)).toEqual([0, 0, 0])
  })

  it('reads an empty body', async () => {
    const stream = nodeStream()
    const read = readBody(stream, limits)
    stream.end()
    expect(await read).toEqual({ ok: true, body: new Uint8Array(0) })
  })

  it('stops at the first chunk past maxBytes, then drops the rest of the body until it ends', async () => {
    const stream = nodeStream()
    const read = readBody(stream, limits)
    stream.write('abc')
    stream.write('def')
    const refused = await read
    expect(refused.ok ? 'read' : refused.outcome).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      headers: { connection: 'close' },
    })
    const drained = drainedOf(refused)
    const over = settled(drained)
    stream.write('ghi')
    await vi.advanceTimersByTimeAsync(0)
    expect([over(), stream.readableLength]).toEqual([false, 0])
    stream.end('jkl')
    await drained
    expect(ourListeners(stream)).toEqual([0, 0, 0])
    // A later failure of the stream (the connection closing) is nobody's concern, and no uncaught error.
    stream.destroy(new Error('socket closed'))
  })

  it('drops no more than discardBytes of a refused body, then leaves the rest paused', async () => {
    const stream = nodeStream()
    const read = readBody(stream, { ...limits, discardBytes: 4 })
    stream.write('abcdef')
    const refused = await read
    const drained = drainedOf(refused)
    stream.write('ghij')
    stream.write('k')
    await drained
    expect(stream.isPaused()).toBe(true)
    expect(ourListeners(stream)).toEqual([0, 0, 0])
  })

  it('drops a refused body for no longer than discardTimeoutMs (default 2 s)', async () => {
    const stream = nodeStream()
    const refused = await readBody(stream, { ...limits, declaredLength: 100 })
    const over = settled(drainedOf(refused))
    stream.write('ab')
    await vi.advanceTimersByTimeAsync(1999)
    expect(over()).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect([over(), stream.isPaused()]).toEqual([true, true])
    expect(ourListeners(stream)).toEqual([0, 0, 0])
  })

  it('refuses a declared Content-Length past maxBytes before reading, and drops the body', async () => {
    const stream = nodeStream()
    expect(text(await readBody(stream, { ...limits, declaredLength: '6' }))).toBe('payload_too_large')
    const refused = await readBody(stream, { ...limits, declaredLength: 6 })
    expect(text(refused)).toBe('payload_too_large')
    stream.end('abcdef')
    await drainedOf(refused)
    expect(stream.readableEnded).toBe(true)
  })

  it('refuses a Content-Encoding before reading, and reads identity', async () => {
    const gzipped = nodeStream()
    const refused = await readBody(gzipped, { ...limits, contentEncoding: 'gzip' })
    expect(refused.ok ? 'read' : refused.outcome).toMatchObject({ status: 415, code: 'unsupported_encoding' })
    gzipped.end('\x1f\x8b')
    await drainedOf(refused)

    const plain = nodeStream()
    const read = readBody(plain, { ...limits, contentEncoding: ' Identity ' })
    plain.end('ok')
    expect(text(await read)).toBe('ok')
  })

  it('answers request_timeout when the whole body has not arrived within timeoutMs', async () => {
    const stream = nodeStream()
    const read = readBody(stream, limits)
    const done = settled(read)
    stream.write('ab')
    await vi.advanceTimersByTimeAsync(999)
    expect(done()).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const refused = await read
    expect(refused.ok ? 'read' : refused.outcome).toMatchObject({
      status: 408,
      code: 'request_timeout',
      headers: { connection: 'close' },
    })
    // A stalled sender is not waited for any longer.
    expect(refused.ok ? 'read' : refused.drained).toBeUndefined()
    expect(stream.isPaused()).toBe(true)
    expect(ourListeners(stream)).toEqual([0, 0, 0])
  })

  it('rejects with the error of a stream that fails before its end', async () => {
    const stream = nodeStream()
    const read = readBody(stream, limits)
    stream.write('ab')
    stream.destroy(new Error('socket reset'))
    await expect(read).rejects.toThrow('socket reset')
    expect(ourListeners(stream)).toEqual([0, 0, 0])
  })

  it('rejects, as the stream iterator does, when the stream closes before its end', async () => {
    const stream = nodeStream()
    const read = readBody(stream, limits)
    stream.write('ab')
    stream.destroy()
    await expect(read).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' })
  })

  it('reads a stream that already ended as empty, and rejects one already destroyed', async () => {
    const ended = new PassThrough()
    ended.end()
    ended.resume()
    await new Promise((resolve) => ended.once('end', resolve))
    expect(text(await readBody(ended, limits))).toBe('')

    const destroyed = new PassThrough()
    destroyed.destroy()
    await new Promise((resolve) => destroyed.once('close', resolve))
    await expect(readBody(destroyed, limits)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' })
  })

  it('resumes a stream that was paused before the read', async () => {
    const stream = nodeStream()
    stream.pause()
    const read = readBody(stream, limits)
    stream.end('abc')
    expect(text(await read)).toBe('abc')
  })
})

describe('readBody from async chunks', () => {
  it('refuses past maxBytes and leaves the rest to the runtime (nothing to drain)', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) yield new Uint8Array(4)
    }
    const refused = await readBody(endless(), { maxBytes: 5, timeoutMs: 200 })
    expect(text(refused)).toBe('payload_too_large')
    expect(refused.ok ? 'read' : refused.drained).toBeUndefined()
  })

  it('answers request_timeout when the source stalls', async () => {
    async function* stalled(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1)
      await new Promise(() => {})
    }
    const read = readBody(stalled(), { maxBytes: 5, timeoutMs: 200 })
    await vi.advanceTimersByTimeAsync(200)
    expect(text(await read)).toBe('request_timeout')
  })
})

describe('the deadlines of pending reads', () => {
  it('share one timer, which stops once no read is pending', async () => {
    const streams = [nodeStream(), nodeStream(), nodeStream()]
    const reads = streams.map((stream) => readBody(stream, { maxBytes: 5, timeoutMs: 1000 }))
    expect(vi.getTimerCount()).toBe(1)
    for (const stream of streams) stream.end('x')
    await Promise.all(reads)
    await vi.advanceTimersByTimeAsync(250)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('pass no sooner than their timeout, and at most a quarter of it later', async () => {
    const first = nodeStream()
    const firstRead = settled(readBody(first, { maxBytes: 5, timeoutMs: 1000 }))
    await vi.advanceTimersByTimeAsync(100)
    // Starts inside the sweeper's running step: its deadline counts from the end of that step.
    const second = readBody(nodeStream(), { maxBytes: 5, timeoutMs: 1000 })
    const secondRead = settled(second)
    await vi.advanceTimersByTimeAsync(899)
    expect([firstRead(), secondRead()]).toEqual([false, false])
    await vi.advanceTimersByTimeAsync(1)
    expect([firstRead(), secondRead()]).toEqual([true, false])
    await vi.advanceTimersByTimeAsync(250)
    expect(text(await second)).toBe('request_timeout')
  })

  it('of a short timeout pass in time while a long one is pending', async () => {
    const long = nodeStream()
    const longRead = readBody(long, { maxBytes: 5, timeoutMs: 10_000 })
    const shortRead = readBody(nodeStream(), { maxBytes: 5, timeoutMs: 100 })
    await vi.advanceTimersByTimeAsync(125)
    expect(text(await shortRead)).toBe('request_timeout')
    long.end('abc')
    expect(text(await longRead)).toBe('abc')
  })
})
