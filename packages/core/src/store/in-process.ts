/**
 * Stores and queues that answer from this process's memory, so they can never hang: the receiver skips
 * its `storeTimeout` timer for them, which keeps the hot path free of a timer per request.
 */
export const inProcess = new WeakSet<object>()
