// The options table of docs/guide.md against `receiverDefaults`, the one object createReceiver takes its
// defaults from, and against the `@default` of each option's TSDoc: the three say the same, or this fails.
import { readFileSync } from 'node:fs'
import { receiverDefaults } from '@hookgate/core'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

/** The rows of the markdown table whose header row starts with `| option ` under `## heading`. */
function optionsTable(markdown: string, heading: string): { option: string; default: string }[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(`${heading}\n`))
  if (section === undefined) throw new Error(`no "## ${heading}" section`)
  const lines = section.split('\n').filter((line) => line.startsWith('|'))
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim())
  if (!cells(lines[0] ?? '')[0]?.startsWith('option')) throw new Error(`no options table under "${heading}"`)
  return lines.slice(2).map((line) => {
    const [option = '', value = ''] = cells(line)
    return { option: option.replace(/^`|`$/g, ''), default: value }
  })
}

/**
 * How a default reads in code: a literal as written, a factory as its call, a data object field by field.
 * Undefined for a default that is no literal (none, the provider's horizon, a logger): the table and the
 * TSDoc say it in words.
 */
function literal(value: unknown): string | undefined {
  if (typeof value === 'string') return `'${value}'`
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'function') return `${value.name}()`
  if (value === null || typeof value !== 'object') return undefined
  const fields = Object.entries(value).map(([key, field]) => [key, literal(field)])
  if (fields.length === 0 || fields.some(([, field]) => field === undefined || field.endsWith('()'))) return
  return `{ ${fields.map(([key, field]) => `${key}: ${field}`).join(', ')} }`
}

/** Each member of `interface name` in a TypeScript source with its `@default` tag (undefined without one). */
function documentedDefaults(source: string, name: string): Map<string, string | undefined> {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(source)?.[1]
  if (body === undefined) throw new Error(`no interface ${name}`)
  const members = new Map<string, string | undefined>()
  let doc = ''
  for (const line of body.split('\n')) {
    const member = /^ {2}(\w+)\??:/.exec(line)?.[1]
    if (member === undefined) doc += `${line}\n`
    else {
      members.set(member, /@default ([^\n]*)/.exec(doc)?.[1]?.trim())
      doc = ''
    }
  }
  return members
}

const table = optionsTable(read('docs/guide.md'), 'Options')
const tsdoc = documentedDefaults(read('packages/core/src/receiver/options.ts'), 'ReceiverOptions')
const defaults = Object.entries(receiverDefaults)

describe('the options of createReceiver', () => {
  it('are listed in docs/guide.md, every one, in the order of receiverDefaults', () => {
    expect(table.map((row) => row.option)).toEqual(defaults.map(([option]) => option))
  })

  it('are all ReceiverOptions, and each has a @default in its TSDoc', () => {
    expect([...tsdoc.keys()]).toEqual(defaults.map(([option]) => option))
    expect([...tsdoc].filter(([, value]) => value === undefined).map(([option]) => option)).toEqual([])
  })

  it.each(defaults)('%s: the table and the TSDoc give the default of receiverDefaults', (option, value) => {
    const row = table.find((candidate) => candidate.option === option)
    const code = literal(value)
    if (code === undefined) {
      // No literal to compare: both say it in words, and neither pretends to a literal.
      expect(row?.default).not.toMatch(/^`/)
      expect(tsdoc.get(option)).not.toMatch(/^['{\d]/)
    } else {
      expect(row?.default).toBe(`\`${code}\``)
      expect(tsdoc.get(option)).toBe(code)
    }
  })
})

describe('the check itself', () => {
  it('reads literals the way the docs write them', () => {
    expect(literal('1m')).toBe("'1m'")
    expect(literal(16)).toBe('16')
    expect(literal(function memoryStore() {})).toBe('memoryStore()')
    expect(literal({ attempts: 8, backoff: 'fixed' })).toBe("{ attempts: 8, backoff: 'fixed' }")
    expect(literal(undefined)).toBeUndefined()
    expect(literal({ warn() {} })).toBeUndefined()
  })

  it('fails on a table that drifted', () => {
    const drifted = "## Options\n\n| option | default |\n| - | - |\n| `lease` | `'5m'` |\n"
    expect(optionsTable(drifted, 'Options')).toEqual([{ option: 'lease', default: "`'5m'`" }])
    expect(`\`${literal(receiverDefaults.lease)}\``).not.toBe("`'5m'`")
  })
})
