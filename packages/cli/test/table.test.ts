import { describe, expect, it } from 'vitest'
import { formatTable } from '../src/output/table.js'

describe('formatTable', () => {
  it('aligns columns under their headers, numbers to the right, with a rule', () => {
    const rows = [
      { name: 'accepted', count: 12 },
      { name: 'invalid_signature', count: 3 },
    ]
    const text = formatTable(rows, [
      { header: 'code', cell: (row) => row.name },
      { header: 'count', cell: (row) => String(row.count), align: 'right' },
    ])
    expect(text).toBe(
      [
        'code               count',
        '-----------------  -----',
        'accepted              12',
        'invalid_signature      3',
        '',
      ].join('\n'),
    )
  })
})
