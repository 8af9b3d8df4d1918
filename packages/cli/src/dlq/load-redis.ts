/**
 * `@hookgate/redis` and its ioredis are optional peers of the CLI: only `dlq` needs them, and depending on
 * them would impose an ioredis version on everyone who only signs and sends test deliveries. So `dlq` loads
 * them here, when it runs, and says what to install when they are not there.
 */
export type RedisSupport = typeof import('@hookgate/redis')

/** The packages `dlq` needs besides the CLI: an import that can not find one of these is reported as such. */
const needed = ['@hookgate/redis', 'ioredis']

export async function loadRedisSupport(
  load: () => Promise<RedisSupport> = () => import('@hookgate/redis'),
): Promise<RedisSupport> {
  try {
    return await load()
  } catch (error) {
    const missing = missingPackage(error)
    if (missing === undefined || !needed.includes(missing)) throw error
    throw new Error(
      `dlq needs @hookgate/redis and ioredis installed next to @hookgate/cli, and ${missing} is not: ` +
        `npm install @hookgate/redis ioredis (or run npx -p @hookgate/cli -p @hookgate/redis -p ioredis hookgate dlq ...)`,
    )
  }
}

/** The package an import could not find, from Node's `ERR_MODULE_NOT_FOUND`; undefined for any other error. */
export function missingPackage(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') return
  return /Cannot find package '([^']+)'/.exec(error.message)?.[1]
}
