import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../src/send/post.js'
import { summarize } from '../src/send/summary.js'

const result = (status: number, code: string, ms: number): DeliveryResult => ({
  seq: 1,
  id: 'evt_1',
  type: 'invoice.paid',
  copy: 0,
  status,
  code,
  ms,
})

describe('summarize', () => {
  it('groups by status and code, most frequent first, with nearest-rank percentiles', () => {
    const results = [
      ...Array.from({ length: 20 }, (_, i) => result(202, 'accepted', i + 1)),
      result(200, 'duplicate', 5),
      result(401, 'invalid_signature', 2),
      result(401, 'invalid_signature', 4),
    ]
    const summary = summarize(results)
    expect(summary.total).toBe(23)
    expect(summary.failed).toBe(2)
    expect(summary.rows[0]).toEqual({ status: 202, code: 'accepted', count: 20, p50: 10, p95: 19, max: 20 })
    expect(summary.rows[1]).toMatchObject({
      status: 401,
      code: 'invalid_signature',
      count: 2,
      p50: 2,
      max: 4,
    })
    expect(summary.rows[2]).toMatchObject({ status: 200, code: 'duplicate', count: 1, p50: 5, p95: 5 })
  })

  it('counts a missing response (status 0) as a failure', () => {
    expect(summarize([result(0, 'network_error', 1)]).failed).toBe(1)
  })
})
