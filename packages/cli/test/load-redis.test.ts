import { describe, expect, it } from 'vitest'
import { loadRedisSupport, missingPackage } from '../src/dlq/load-redis.js'

/** What Node throws when an import names a package that is not installed. */
function notFound(name: string): Error {
  return Object.assign(
    new Error(`Cannot find package '${name}' imported from /app/node_modules/x/index.js`),
    {
      code: 'ERR_MODULE_NOT_FOUND',
    },
  )
}

describe('loading @hookgate/redis for dlq', () => {
  it('loads it when it is installed', async () => {
    const redis = await loadRedisSupport()
    expect(redis.redis).toBeTypeOf('function')
  })

  it.each(['@hookgate/redis', 'ioredis'])('says what to install when %s is missing', async (name) => {
    const loading = loadRedisSupport(() => Promise.reject(notFound(name)))
    await expect(loading).rejects.toThrow(`and ${name} is not: npm install @hookgate/redis ioredis`)
  })

  it('passes any other failure on unchanged', async () => {
    const other = notFound('some-dependency-of-ioredis')
    await expect(loadRedisSupport(() => Promise.reject(other))).rejects.toBe(other)
    const broken = new SyntaxError('Unexpected token')
    await expect(loadRedisSupport(() => Promise.reject(broken))).rejects.toBe(broken)
  })

  it("reads the missing package from Node's error", () => {
    expect(missingPackage(notFound('@hookgate/redis'))).toBe('@hookgate/redis')
    expect(missingPackage(new Error("Cannot find package 'ioredis'"))).toBeUndefined()
  })
})
