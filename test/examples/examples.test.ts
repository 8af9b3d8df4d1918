// CI starts every example app the way a user would (`pnpm start`), sends it a signed Stripe delivery and
// checks the 202 and that the handler ran (the example logs a line), then stops its process group.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stripe } from '@hookgate/core'
import { afterEach, describe, expect, it } from 'vitest'

const secret = 'whsec_examples_test'
const examples = ['express', 'hono', 'fastify'] as const

interface Started {
  child: ChildProcess
  url: string
  /** Resolves with the first output line matching `pattern`. */
  line(pattern: RegExp): Promise<string>
  exited: Promise<number | null>
}

function start(name: string): Promise<Started> {
  const cwd = fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url))
  // Its own process group, so pnpm, tsx and node all get the signal.
  const child = spawn('pnpm', ['--silent', 'start'], {
    cwd,
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STRIPE_WEBHOOK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const waiter of waiters.slice()) {
      const match = output.match(waiter.pattern)
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(match[0])
      }
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const match = output.match(pattern)
      if (match) return resolve(match[0])
      waiters.push({ pattern, resolve })
      void exited.then(() => reject(new Error(`${name} exited before printing ${pattern}:\n${output}`)))
    })
  return line(/listening on (http:\/\/\S+)/).then((found) => ({
    child,
    url: found.replace('listening on ', ''),
    line,
    exited,
  }))
}

describe.each(examples)('examples/%s', (name) => {
  let running: Started | undefined
  afterEach(async () => {
    const started = running
    running = undefined
    if (started?.child.pid === undefined || started.child.exitCode !== null) return
    process.kill(-started.child.pid, 'SIGTERM')
    await started.exited
  })

  it('starts, answers a signed delivery with 202 and runs the handler', async () => {
    running = await start(name)
    const body = JSON.stringify({ id: `evt_example_${name}`, type: 'invoice.paid', data: { object: {} } })
    const signed = await stripe({ secret }).sign({ body })
    const res = await fetch(`${running.url}/webhooks/stripe`, {
      method: 'POST',
      headers: signed.headers,
      body,
    })
    expect(res.status).toBe(202)
    expect(await running.line(/handled invoice\.paid evt_example_\S+/)).toBe(
      `handled invoice.paid evt_example_${name}`,
    )

    // The app's own JSON route still gets parsed bodies next to the webhook route.
    const echo = await fetch(`${running.url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(await echo.json()).toEqual({ a: 1 })
  }, 30_000)
})
