import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { type connectRedis, useRedis } from '../../packages/redis/test/redis.js'

// A retry outlives the deploy that scheduled it: handler ids, not registration order, decide what runs.
const prefix = 'test-redis-deploy-reorder'
const root = fileURLToPath(new URL('../../', import.meta.url))
let redis: Awaited<ReturnType<typeof connectRedis>>
useRedis(prefix, (client) => {
  redis = client
})

async function runDeploy(deploy: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/redis/fixtures/deploy.ts'], {
    cwd: root,
    env: { ...process.env, DEPLOY: deploy, TEST_PREFIX: prefix },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  const [code] = await once(child, 'exit')
  clearTimeout(timer)
  expect(code, `deploy ${deploy} exit code`).toBe(0)
}

it('a retry after a deploy that reorders and adds handlers runs the failed and the new ones only', {
  timeout: 40_000,
}, async () => {
  await runDeploy('1')
  expect(await redis.lrange(`{${prefix}}:test:ran`, 0, -1)).toEqual(['1:a', '1:b'])
  await runDeploy('2')
  const second = (await redis.lrange(`{${prefix}}:test:ran`, 2, -1)).sort()
  expect(second).toEqual(['2:b', '2:c'])
})
