import { readHeaders } from '@hookgate/core'
import { describe, expect, it } from 'vitest'

describe('readHeaders', () => {
  it('lower-cases names and joins repeated headers with ", ", from every accepted shape', () => {
    const expected = { 'x-sig': 'a, b', 'content-type': 'application/json', 'content-length': '2' }
    // A plain object with mixed case (and a name that differs only by case), as tests and fetch code write.
    expect({
      ...readHeaders({ 'X-Sig': 'a', 'x-sig': 'b', 'Content-Type': 'application/json', 'Content-Length': 2 }),
    }).toEqual(expected)
    // Node's IncomingHttpHeaders: lower-case, arrays for repeated headers, undefined for absent ones.
    expect({
      ...readHeaders({
        'x-sig': ['a', 'b'],
        'content-type': 'application/json',
        'content-length': '2',
        absent: undefined,
      }),
    }).toEqual(expected)
    const web = new Headers([
      ['X-Sig', 'a'],
      ['X-Sig', 'b'],
      ['Content-Type', 'application/json'],
      ['Content-Length', '2'],
    ])
    expect({ ...readHeaders(web) }).toEqual(expected)
    const pairs: [string, string][] = [
      ['X-Sig', 'a'],
      ['x-sig', 'b'],
      ['content-type', 'application/json'],
      ['content-length', '2'],
    ]
    expect({ ...readHeaders(pairs) }).toEqual(expected)
  })

  it('inherits nothing: headers named like Object.prototype members are plain headers', () => {
    // JSON.parse makes __proto__ an own property, as a header parser would.
    const headers = readHeaders(JSON.parse('{"constructor":"c","__proto__":"p","valueof":"v"}'))
    expect(headers.constructor).toBe('c')
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toBe('p')
    expect(headers.valueof).toBe('v')
    expect(readHeaders({}).constructor).toBeUndefined()
    expect('hasOwnProperty' in readHeaders({})).toBe(false)
    // A repeated `constructor` joins with the first, not with an inherited function.
    expect(readHeaders([['constructor', 'a']]).constructor).toBe('a')
  })
})
