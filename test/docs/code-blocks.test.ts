// Every TypeScript block in the README and the docs is copied from code that runs: an example CI starts, a
// test, or the packages' sources. A block whose lines cannot all be found, in order, in one such file has
// drifted from the code (or was never run), and fails here with its place in the docs.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function walk(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return walk(path, keep)
    return keep(path) ? [path] : []
  })
}

const isCode = (path: string) => /\.(ts|mts|js|mjs)$/.test(path)
const sources = ['examples', 'test', 'bench', 'packages']
  .flatMap((dir) => walk(join(root, dir), isCode))
  .map((path) => ({ path: relative(root, path), lines: normalize(readFileSync(path, 'utf8')) }))

const docs = [
  'README.md',
  'SECURITY.md',
  ...walk(join(root, 'docs'), (path) => path.endsWith('.md')).map((path) => relative(root, path)),
  ...readdirSync(join(root, 'packages'))
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => statSync(join(root, path), { throwIfNoEntry: false })?.isFile()),
]

/** The lines that carry meaning: trimmed, without blanks, comments and `...` elisions. */
function normalize(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+\/\/ .*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !/^(\/\/ )?\.\.\.$/.test(line))
}

function blocksOf(doc: string): { line: number; lines: string[] }[] {
  const text = readFileSync(join(root, doc), 'utf8')
  const found: { line: number; lines: string[] }[] = []
  const fence = /^```(ts|typescript)\n([\s\S]*?)^```$/gm
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    found.push({ line: text.slice(0, match.index).split('\n').length, lines: normalize(match[2]!) })
  }
  return found
}

/** True when `wanted` appears in `lines` in order (other lines may stand between). */
function containsInOrder(lines: readonly string[], wanted: readonly string[]): boolean {
  let at = 0
  for (const line of lines) if (line === wanted[at] && ++at === wanted.length) return true
  return wanted.length === 0
}

describe.each(docs)('%s', (doc) => {
  const blocks = blocksOf(doc)
  it.skipIf(blocks.length === 0)('has every TypeScript block copied from running code', () => {
    const drifted = blocks
      .filter((block) => !sources.some((source) => containsInOrder(source.lines, block.lines)))
      .map((block) => `${doc}:${block.line}`)
    expect(drifted).toEqual([])
  })
})

describe('the check itself', () => {
  it('finds lines in order and refuses them out of order', () => {
    expect(containsInOrder(['a', 'x', 'b', 'c'], ['a', 'b', 'c'])).toBe(true)
    expect(containsInOrder(['a', 'c', 'b'], ['a', 'b', 'c'])).toBe(false)
  })
})
