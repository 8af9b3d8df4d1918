// CommonJS TypeScript: under `module: NodeNext`, tsc compiles these imports of .cts files to require()
// calls. They must find each package's types through its `exports`, and then, on Node >= 20.19, load it.
import core = require('@hookgate/core')
import adapter = require('@hookgate/core/adapter')
import type testing = require('@hookgate/core/testing')

import { run } from '@hookgate/cli'
import { hookgate as express } from '@hookgate/express'

import fastify = require('@hookgate/fastify')

import { hookgate as fetchHandler } from '@hookgate/fetch'
import { allowFrom } from '@hookgate/guard'

import { hookgate as hono } from '@hookgate/hono'
import { hookgate as node } from '@hookgate/node'
import { instrument } from '@hookgate/otel'
import { redis } from '@hookgate/redis'

const receiver: core.Receiver = core.createReceiver({ provider: core.stripe({ secret: 'whsec_test' }) })
const storeContract: typeof testing.describeStoreContract | undefined = undefined

console.log(
  JSON.stringify({
    express: typeof express(receiver),
    fastify: typeof fastify.default,
    fetch: typeof fetchHandler(receiver),
    guard: typeof allowFrom(['192.0.2.0/24']).check,
    hono: typeof hono(receiver),
    node: typeof node(receiver),
    otel: typeof instrument(receiver).stop,
    redis: typeof redis,
    cli: typeof run,
    adapter: typeof adapter.readBody,
    testing: typeof storeContract,
  }),
)
