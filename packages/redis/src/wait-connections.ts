import { ready } from './client.js'
import type { RedisClient } from './options.js'

/**
 * `count` connections like `client` for `durability`'s `WAIT`, handed out in turn, each opened at its first
 * turn and all closed when `client` ends. `WAIT` holds the connection it is sent on until the replicas
 * answer (up to `durability.timeout` while one lags): on the user's client it would hold up every other
 * call, and on one connection of its own the deliveries would wait one after another.
 */
export function waitConnections(client: RedisClient, count: number): () => Promise<RedisClient> {
  const opened: RedisClient[] = []
  client.once('end', () => {
    for (const own of opened) own.disconnect()
  })
  const pool = Array.from({ length: count }, () => lazyConnection(client, opened))
  let turn = 0
  return () => (pool[turn++ % count] as () => Promise<RedisClient>)()
}

function lazyConnection(client: RedisClient, opened: RedisClient[]): () => Promise<RedisClient> {
  let own: RedisClient | undefined
  // One wait however many deliveries arrive while it connects: a listener set each would pile up.
  let connecting: Promise<void> | undefined
  return async () => {
    if (!own) {
      own = client.duplicate()
      own.on('error', () => {}) // failures surface through the calls
      opened.push(own)
    }
    if (own.status !== 'ready') {
      connecting ??= ready(own).finally(() => {
        connecting = undefined
      })
      await connecting
    }
    return own
  }
}
