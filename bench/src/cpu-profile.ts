/**
 * Where hookgate's time goes: runs one path many times under the V8 sampling profiler and prints the
 * functions with the most self time, with file and line, plus the whole .cpuprofile for Chrome DevTools.
 *
 *   pnpm --filter @hookgate/bench cpu-profile [receive|duplicate|verify-parse] [--provider stripe] [--size 2048] [--zod]
 *
 * Deliveries are signed before profiling starts, so the profile holds only what the receiver does.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { findSourceMap } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createReceiver, type RawRequest } from '@hookgate/core'
import { makeBody } from './bodies.js'
import { freshDelivery } from './micro/hookgate.js'
import { providers } from './micro/providers.js'
import { invoicePaid } from './micro/schema.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    provider: { type: 'string', default: 'standard-webhooks' },
    size: { type: 'string', default: '2048' },
    n: { type: 'string', default: '20000' },
    top: { type: 'string', default: '25' },
    zod: { type: 'boolean', default: false },
  },
})
const path = positionals[0] ?? 'receive'
const sender = providers().find((p) => p.name === values.provider)
if (!sender) throw new Error(`unknown provider ${values.provider}`)
const n = Number(values.n)
const body = makeBody(Number(values.size))

const receiver = createReceiver({ provider: sender.provider })
if (values.zod) receiver.on('*', invoicePaid, () => {})
else receiver.on('*', () => {})
const requests: RawRequest[] = []
for (let i = 0; i < (path === 'receive' ? n : 1); i++) requests.push(await freshDelivery(sender, body))
if (path === 'duplicate') await receiver.receive(requests[0]!)

const runs: Record<string, (i: number) => Promise<unknown>> = {
  receive: (i) => receiver.receive(requests[i]!),
  duplicate: () => receiver.receive(requests[0]!),
  'verify-parse': async () => sender.provider.parse(await sender.provider.verify(requests[0]!)),
}
const run = runs[path]
if (!run) throw new Error(`unknown path ${path}: one of ${Object.keys(runs).join(', ')}`)

// Warm up on other deliveries than the profiled ones would be ideal; a duplicate-free warm-up needs its own.
for (let i = 0; i < Math.min(2_000, n); i++) await runs[path === 'receive' ? 'verify-parse' : path]!(i)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
  children?: number[]
}
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 50 })
await session.post('Profiler.start')
const started = performance.now()
for (let i = 0; i < n; i++) await run(i)
await new Promise((resolve) => setImmediate(resolve))
const elapsed = performance.now() - started
const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } }
session.disconnect()
await receiver.close()

const file = join(tmpdir(), `hookgate-${path}-${sender.name}-${body.bytes.length}.cpuprofile`)
writeFileSync(file, JSON.stringify(profile))

const repo = new URL('../../', import.meta.url).href

/** file:line in the TypeScript source (through tsx's inline source maps, with --enable-source-maps). */
function sourceLocation({ url, lineNumber, columnNumber }: ProfileNode['callFrame']): string {
  if (!url) return ''
  const entry = findSourceMap(url)?.findEntry(lineNumber, columnNumber)
  const file = entry && 'originalSource' in entry ? entry.originalSource : url
  const line = entry && 'originalLine' in entry ? entry.originalLine : lineNumber
  return `${file.replace(repo, '').replace(/^file:\/\//, '')}:${line + 1}`
}
const nameOf = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${sourceLocation(node.callFrame)}`.trim()
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map<string, number>()
const inclusive = new Map<string, number>()
const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0)

/** Self time per function, and inclusive time counted once per call stack (recursion is not counted twice). */
function walk(node: ProfileNode, onStack: ReadonlySet<string>): number {
  const name = nameOf(node)
  let hits = node.hitCount ?? 0
  self.set(name, (self.get(name) ?? 0) + hits)
  const stack = new Set(onStack).add(name)
  for (const child of node.children ?? []) hits += walk(byId.get(child)!, stack)
  if (!onStack.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + hits)
  return hits
}
walk(profile.nodes[0]!, new Set())

const top = (times: Map<string, number>) =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))
    .map(([name, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
console.log(
  `${path}, ${sender.name}, ${body.bytes.length} B: ${((elapsed / n) * 1000).toFixed(0)} µs per call under the profiler`,
)
console.log(
  `self time, top ${values.top} of ${total} samples (full profile: ${file})\n${top(self).join('\n')}`,
)
const ours = new Map([...inclusive].filter(([name]) => name.includes('packages/')))
console.log(`\ninclusive time, hookgate's functions\n${top(ours).join('\n')}`)
