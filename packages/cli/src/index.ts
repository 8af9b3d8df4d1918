/**
 * The hookgate command line as a library: `run` executes one command line against any `Terminal`, which is
 * how the bin runs and how tests run it in-process.
 */
export { ExitCode, UsageError } from './exit.js'
export { run } from './program.js'
export { samplePayload, sampleTypes } from './samples.js'
export type { Terminal } from './terminal.js'
