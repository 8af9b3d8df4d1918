import { ExitCode, run } from '@hookgate/cli'
import { createReceiver, stripe } from '@hookgate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { serve } from './receiver-server.js'

const quiet = { info() {}, warn() {}, error() {} }

describe('hookgate send -d with concurrency, against a receiver that answers once the handler is done', () => {
  const secret = 'whsec_cli_send_order'
  let server: Awaited<ReturnType<typeof serve>>
  let receiver: ReturnType<typeof createReceiver>

  beforeAll(async () => {
    // ack 'handled' with a slow handler: a copy that arrives while the original is still being
    // handled is answered 409 in_progress, and the original's answer comes last.
    receiver = createReceiver({ provider: stripe({ secret }), ack: 'handled', logger: quiet })
    receiver.on('invoice.paid', () => new Promise((resolve) => setTimeout(resolve, 30)))
    server = await serve(receiver)
  })
  afterAll(async () => {
    await server.close()
    await receiver.close()
  })

  it('prints rows in send order, and the first copy sent is the original, answered first', async () => {
    const fake = fakeTerminal()
    const argv = ['send', server.url, '-p', 'stripe', '-s', secret, '-n', '4', '-d', '2', '-c', '4']
    const code = await run(argv, fake.terminal)
    const rows = fake
      .stdout()
      .split('\n')
      .map((line) => /^ *(\d+) {2}(\d{3}) {2}(\S+) .*?( {2}duplicate #\d+)? {2}[\d.]+ ms/.exec(line))
      .filter((match) => match !== null)
      .map(([, seq, status, outcome, copy]) => ({ seq: Number(seq), status, outcome, copy: copy?.trim() }))
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    for (const [i, row] of rows.entries()) {
      const copy = i % 3
      expect(row).toEqual(
        copy === 0
          ? { seq: i + 1, status: '200', outcome: 'handled', copy: undefined }
          : { seq: i + 1, status: '200', outcome: 'duplicate', copy: `duplicate #${copy}` },
      )
    }
    expect(code).toBe(ExitCode.ok)
  })
})
