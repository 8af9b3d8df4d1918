// The framework-free pieces the three adapters share (@hookgate/core's adapter helpers), at their edges.
import { type RequestLocation, readBody, resolvePublicUrl } from '@hookgate/core/adapter'
import { describe, expect, it } from 'vitest'

const location = (
  overrides: Partial<RequestLocation> = {},
  forwarded: Record<string, string> = {},
): RequestLocation => ({
  protocol: 'http',
  host: 'app.internal',
  path: '/hook?a=1',
  header: (name) => forwarded[name],
  ...overrides,
})

describe('resolvePublicUrl', () => {
  it('is the path alone when the request names no host (HTTP/1.0)', () => {
    expect(resolvePublicUrl(null, location({ host: undefined }), {})).toBe('/hook?a=1')
  })

  it('falls back to the connection when a trusted forwarded header is empty', () => {
    const url = resolvePublicUrl(null, location({}, { 'x-forwarded-proto': ' ', 'x-forwarded-host': '' }), {
      trustProxy: true,
    })
    expect(url).toBe('http://app.internal/hook?a=1')
  })

  it('keeps the connection protocol when only the host is forwarded', () => {
    const url = resolvePublicUrl(
      null,
      location({ protocol: 'https' }, { 'x-forwarded-host': 'public.example' }),
      {
        trustProxy: true,
      },
    )
    expect(url).toBe('https://public.example/hook?a=1')
  })
})

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part)
}

describe('readBody', () => {
  it('concatenates chunks into one body', async () => {
    const read = await readBody(chunks('ab', 'cd', 'e'), { maxBytes: 5, timeoutMs: 1000 })
    expect(read).toEqual({ ok: true, body: new TextEncoder().encode('abcde') })
  })

  it('ignores a Content-Length that is not a number and counts the bytes instead', async () => {
    const read = await readBody(chunks('abcdef'), { maxBytes: 5, timeoutMs: 1000, declaredLength: 'lots' })
    expect(read.ok ? 'read' : read.outcome.code).toBe('payload_too_large')
  })

  it('lets an error of the source through to the adapter', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1)
      throw new Error('socket reset')
    }
    await expect(readBody(failing(), { maxBytes: 5, timeoutMs: 1000 })).rejects.toThrow('socket reset')
  })
})
