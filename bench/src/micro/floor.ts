import { createHmac, timingSafeEqual } from 'node:crypto'
import type { BenchBody } from '../bodies.js'
import { secrets } from '../secrets.js'
import type { MicroTask } from './harness.js'

/** Row names the targets refer to. */
export const floorRows = {
  hmac: 'node:crypto createHmac + timingSafeEqual (the floor)',
  parse: 'JSON.parse of the same body alone',
  hmacParse: 'floor + JSON.parse (from the raw bytes)',
} as const

/**
 * The physical floor: the least any verifier on Node can do. HMAC-SHA256 over the raw bytes and a
 * constant-time compare; JSON.parse; and both, starting from the bytes as a server receives them (the
 * decode to text is part of any receiver's job).
 */
export function floorTasks(body: BenchBody): MicroTask[] {
  const size = body.bytes.length
  const expected = createHmac('sha256', secrets.key).update(body.bytes).digest()
  const verify = () => {
    const mac = createHmac('sha256', secrets.key).update(body.bytes).digest()
    if (!timingSafeEqual(mac, expected)) throw new Error('floor signature mismatch')
  }
  return [
    { group: 'floor', name: floorRows.hmac, size, run: verify },
    { group: 'floor', name: floorRows.parse, size, run: () => JSON.parse(body.text) },
    {
      group: 'floor',
      name: floorRows.hmacParse,
      size,
      run: () => {
        verify()
        return JSON.parse(body.bytes.toString('utf8'))
      },
    },
  ]
}
