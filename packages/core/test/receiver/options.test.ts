import { createReceiver, github, type Logger, stripe } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'

function recordingLogger() {
  const warn = vi.fn()
  const logger: Logger = { debug: () => {}, info: () => {}, warn, error: () => {} }
  return { logger, warn }
}

describe('createReceiver options', () => {
  it('warns when the dedup window is shorter than the tolerance (a fresh replay could run twice)', () => {
    const { logger, warn } = recordingLogger()
    createReceiver({ provider: stripe({ secret: 'whsec_x', tolerance: '10m' }), dedupWindow: '5m', logger })
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]?.[1]).toMatch(/dedupWindow is shorter than the provider's tolerance/)
  })

  it('stays quiet with the defaults, and for providers that sign no timestamp', () => {
    const { logger, warn } = recordingLogger()
    createReceiver({ provider: stripe({ secret: 'whsec_x' }), logger })
    createReceiver({ provider: github({ secret: 's' }), dedupWindow: '1m', logger })
    expect(warn).not.toHaveBeenCalled()
  })

  it('refuses option typos and impossible values at construction', () => {
    const provider = stripe({ secret: 'whsec_x' })
    // @ts-expect-error: not an ack mode
    expect(() => createReceiver({ provider, ack: 'after-response' })).toThrow(/ack must be/)
    expect(() => createReceiver({ provider, concurrency: 0 })).toThrow(/concurrency/)
    expect(() => createReceiver({ provider, lease: 0 })).toThrow(/lease must be longer than 0/)
  })
})
