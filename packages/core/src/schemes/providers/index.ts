// The senders beyond the first seven, one file each, every one a definition on the engine (../engine.ts).
export { type LinearOptions, linear } from './linear.js'
export { type MuxOptions, mux } from './mux.js'
export { type PaddleOptions, paddle } from './paddle.js'
export { type SanityOptions, sanity } from './sanity.js'
export { type SquareOptions, square } from './square.js'
