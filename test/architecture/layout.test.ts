import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The layout rules of docs/architecture.md, checked on every package's sources: imports point one way
// (no cycle, type-only imports included), and a file does one job (no more than `maxLines` lines).
const root = fileURLToPath(new URL('../../', import.meta.url))
const maxLines = 300

const sources = readdirSync(join(root, 'packages')).flatMap((name) => {
  const src = join(root, 'packages', name, 'src')
  return existsSync(src) ? walk(src) : []
})

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return walk(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** The files a source imports or re-exports from within its package, `import type` included. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const target = resolve(dirname(file), name.replace(/\.js$/, '.ts'))
      return existsSync(target) ? target : join(target.replace(/\.ts$/, ''), 'index.ts')
    })
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
function cycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    low.set(file, index.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!))
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(relative(root, member))
    } while (member !== file)
    const selfImport = graph.get(file)?.includes(file)
    if (component.length > 1 || selfImport) found.push(component.sort())
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return found
}

describe('the layout of packages/*/src', () => {
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(50)
  })

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(sources)).toEqual([])
  })

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const fixtures = join(root, 'test/architecture/fixtures/cycle')
    expect(cycles(walk(fixtures))).toEqual([
      ['test/architecture/fixtures/cycle/a.ts', 'test/architecture/fixtures/cycle/b.ts'],
    ])
  })

  it(`has no file over ${maxLines} lines`, () => {
    const long = sources
      .map((file) => ({
        file: relative(root, file),
        lines: readFileSync(file, 'utf8').trimEnd().split('\n').length,
      }))
      .filter(({ lines }) => lines > maxLines)
    expect(long).toEqual([])
  })
})
