/**
 * The part of a Node `Readable` (an `IncomingMessage`, a Fastify payload) that the body reader and the
 * discard after a refusal use, typed here so that core imports nothing from `node:`.
 */
export interface NodeReadable {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  on(event: 'end' | 'close', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeListener(event: 'data' | 'end' | 'close' | 'error', listener: (...args: never[]) => void): unknown
  pause(): unknown
  resume(): unknown
  readonly readableEnded?: boolean
  readonly destroyed?: boolean
  readonly errored?: Error | null
}

export function isNodeReadable(source: unknown): source is NodeReadable {
  const candidate = source as Partial<NodeReadable>
  return (
    typeof candidate.on === 'function' &&
    typeof candidate.removeListener === 'function' &&
    typeof candidate.pause === 'function' &&
    typeof candidate.resume === 'function'
  )
}
