import type { Outcome, RawRequest, ReceiveOptions, WebhookEndpoint } from '@hookgate/core'
import { toBytes } from '@hookgate/core/adapter'

/** What the fake endpoint saw of one request, normalized for assertions. */
export interface Received {
  method: string | undefined
  url: string | undefined
  headers: RawRequest['headers']
  body: Uint8Array
  options: ReceiveOptions | undefined
}

export interface FakeEndpoint extends WebhookEndpoint {
  readonly received: Received[]
}

export const acceptedOutcome: Outcome = {
  status: 202,
  code: 'accepted',
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: '{"code":"accepted"}',
}

/**
 * A stand-in for a receiver: records every request the adapter hands it and answers with `answer` (a fixed
 * outcome, or one computed per request). Tests the adapter's half of the contract and nothing else.
 */
export function fakeEndpoint(
  answer: Outcome | ((request: RawRequest) => Outcome) = acceptedOutcome,
  maxBodyBytes = 1024,
): FakeEndpoint {
  const received: Received[] = []
  return {
    maxBodyBytes,
    received,
    async receive(request, options) {
      received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        // A plain Uint8Array copy, so assertions compare bytes whether the adapter passed a Buffer or not.
        body: Uint8Array.from(toBytes(request.body)),
        options,
      })
      return typeof answer === 'function' ? answer(request) : answer
    },
  }
}
