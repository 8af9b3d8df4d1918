import type { ReceiveOptions } from '@hookgate/core'

type WaitUntil = NonNullable<ReceiveOptions['waitUntil']>

/** `holder.waitUntil`, bound to its holder (Workers' `ctx.waitUntil` throws when called unbound). */
function ownWaitUntil(holder: unknown): WaitUntil | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined
  const waitUntil = (holder as { waitUntil?: unknown }).waitUntil
  return typeof waitUntil === 'function' ? (work) => waitUntil.call(holder, work) : undefined
}

/**
 * The `waitUntil` to keep after-ack work alive with: the configured one, else the one on the handler's
 * 2nd argument (a Vercel or Next.js edge context) or 3rd (Workers' `fetch(request, env, ctx)`).
 */
export function waitUntilOf(
  context: readonly unknown[],
  configured: WaitUntil | undefined,
): WaitUntil | undefined {
  return configured ?? ownWaitUntil(context[0]) ?? ownWaitUntil(context[1])
}
