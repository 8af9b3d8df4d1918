#!/usr/bin/env node
import { run } from './program.js'

// `hookgate dlq list | head` closes stdout early: that ends the output, it is not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

process.exitCode = await run(process.argv.slice(2), process)
