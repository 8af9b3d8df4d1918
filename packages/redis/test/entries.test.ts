import { describe, expect, it } from 'vitest'
import { readReply, recordOf } from '../src/entries.js'
import { UnexpectedReplyError } from '../src/errors.js'

const b = (text: string) => Buffer.from(text)
const entries = [[b('1-0'), [b('job'), b('{}'), b('raw'), b('x')]]]
const read = [['1-0', [b('job'), b('{}'), b('raw'), b('x')]]]

describe('readReply', () => {
  it('reads an XREADGROUP reply in every shape ioredis 5 and 6 give it', () => {
    expect(readReply([[b('s'), entries]])).toEqual(read) // RESP2: ioredis 5, or 6 with protocol: 2
    expect(readReply([b('s'), entries])).toEqual(read) // RESP3 map as a flat array: ioredis 6's default
    expect(readReply({ s: entries })).toEqual(read) // RESP3 map as an object: replyMapping 'resp3'
    expect(readReply(null)).toEqual([]) // a blocking read that timed out
    expect(readReply([[b('s'), []]])).toEqual([])
    expect(readReply([b('s'), [[b('2-0'), null]]])).toEqual([['2-0', null]]) // deleted while pending
  })

  it('throws UnexpectedReplyError for a shape it cannot read, instead of reading it wrong', () => {
    for (const reply of [
      b('s'),
      3,
      [b('s'), b('entries')],
      [[b('s'), 3]],
      [b('s'), [3]],
      { s: 1 },
      [1, 2, 3],
    ])
      expect(() => readReply(reply), JSON.stringify(reply)).toThrow(UnexpectedReplyError)
  })
})

describe('recordOf', () => {
  it('reads an XINFO record as a flat array or an object', () => {
    expect(recordOf('XINFO', ['name', 'c', 'pending', 0])).toEqual({ name: 'c', pending: 0 })
    expect(recordOf('XINFO', { name: 'c', pending: 0 })).toEqual({ name: 'c', pending: 0 })
    expect(() => recordOf('XINFO', 'c')).toThrow(UnexpectedReplyError)
  })
})
