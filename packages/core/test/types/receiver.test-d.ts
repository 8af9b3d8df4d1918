import {
  createReceiver,
  type DeadLetters,
  type HandlerContext,
  type Logger,
  type Outcome,
  type ReceiverOptions,
  type receiverDefaults,
  stripe,
  type WebhookEndpoint,
  type WebhookEvent,
} from '@hookgate/core'
import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'

const receiver = createReceiver({ provider: stripe({ secret: 'whsec_x' }) })

describe('on() infers the payload from the schema', () => {
  it('zod, with transforms', () => {
    const schema = z.object({
      data: z.object({ object: z.object({ id: z.string(), amount: z.string().transform(Number) }) }),
    })
    receiver.on('invoice.paid', schema, (event) => {
      expectTypeOf(event.payload.data.object.id).toEqualTypeOf<string>()
      expectTypeOf(event.payload.data.object.amount).toEqualTypeOf<number>()
      expectTypeOf(event.type).toEqualTypeOf<'invoice.paid'>()
    })
  })

  it('valibot', () => {
    receiver.on(
      'charge.refunded',
      v.object({ amount: v.number(), note: v.optional(v.string()) }),
      (event) => {
        expectTypeOf(event.payload).toEqualTypeOf<{ amount: number; note?: string | undefined }>()
      },
    )
  })

  it('arktype', () => {
    receiver.on('customer.created', type({ email: 'string', 'age?': 'number' }), (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<{ email: string; age?: number }>()
    })
  })
})

describe('on() overloads', () => {
  it('an id option, with and without a schema, keeps the inference', () => {
    receiver.on(
      'invoice.paid',
      z.object({ amount: z.number() }),
      (event) => {
        expectTypeOf(event.payload).toEqualTypeOf<{ amount: number }>()
      },
      { id: 'record-payment' },
    )
    receiver.on(
      'invoice.paid',
      (event) => {
        expectTypeOf(event.type).toEqualTypeOf<'invoice.paid'>()
      },
      { id: 'notify' },
    )
    // @ts-expect-error: the id is a string
    receiver.on('invoice.paid', () => {}, { id: 1 })
  })

  it('a single type without a schema: payload unknown, type literal', () => {
    receiver.on('invoice.paid', (event, ctx) => {
      expectTypeOf(event).toEqualTypeOf<WebhookEvent<unknown, 'invoice.paid'>>()
      expectTypeOf(ctx).toEqualTypeOf<HandlerContext>()
    })
  })

  it('a list of types: the union, with or without a schema', () => {
    receiver.on(['customer.created', 'customer.updated'], (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'customer.created' | 'customer.updated'>()
    })
    receiver.on(['a.b', 'c.d'], z.object({ n: z.number() }), (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'a.b' | 'c.d'>()
      expectTypeOf(event.payload.n).toEqualTypeOf<number>()
    })
  })

  it("'*': any type, with or without a schema", () => {
    receiver.on('*', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<string>()
    })
    receiver.on('*', z.object({ livemode: z.boolean() }), (event) => {
      expectTypeOf(event.type).toEqualTypeOf<string>()
      expectTypeOf(event.payload.livemode).toEqualTypeOf<boolean>()
    })
  })

  it('chains, and rejects what is not a schema or a handler', () => {
    expectTypeOf(receiver.on('x', () => {})).toEqualTypeOf(receiver)
    // @ts-expect-error a plain object is no Standard Schema
    receiver.on('x', { shape: {} }, () => {})
    // @ts-expect-error the handler must take the schema's output
    receiver.on('x', z.object({ n: z.number() }), (event: WebhookEvent<{ n: string }>) => event)
  })
})

describe('the rest of the surface', () => {
  it('ctx', () => {
    expectTypeOf<HandlerContext>().toEqualTypeOf<{
      attempt: number
      deliveryId: string
      fence: number | undefined
      signal: AbortSignal
      log: Logger
    }>()
  })

  it('receive, maxBodyBytes, dead letters, work, close', () => {
    expectTypeOf(receiver).toMatchTypeOf<WebhookEndpoint>()
    expectTypeOf(receiver.receive).returns.toEqualTypeOf<Promise<Outcome>>()
    expectTypeOf(receiver.deadLetters.replay).returns.toEqualTypeOf<Promise<number>>()
    expectTypeOf(receiver.deadLetters.handle).returns.toEqualTypeOf<DeadLetters>()
    expectTypeOf(receiver.work().stop).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(receiver.close)
      .parameter(0)
      .toEqualTypeOf<{ timeout?: number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}` } | undefined>()
  })

  it('receiverDefaults has an entry for every option, and no other', () => {
    expectTypeOf<keyof typeof receiverDefaults>().toEqualTypeOf<keyof ReceiverOptions>()
  })

  it('policies take their choices as strings', () => {
    expectTypeOf<ReceiverOptions['ack']>().toEqualTypeOf<'queued' | 'handled' | undefined>()
    expectTypeOf<ReceiverOptions['storeFailure']>().toEqualTypeOf<'reject' | 'accept' | undefined>()
  })

  it('accepts pino and console as loggers', () => {
    createReceiver({ provider: stripe({ secret: 'whsec_x' }), logger: console })
  })
})
