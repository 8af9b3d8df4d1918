// createReceiver and what it is built from: the memory store, the memory queue, the dispatcher.
export {}
