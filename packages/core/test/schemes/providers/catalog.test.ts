import { readFileSync } from 'node:fs'
import type { Provider } from '@hookgate/core'
import * as core from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { handshakeBuilders } from '../handshakes/catalog-builders.js'
import { providerFactories } from '../provider-factories.js'
import { signerBuilders } from '../signers/catalog-builders.js'

// docs/providers/README.md's catalog, row by row, against the code: a row can't name a factory that is
// missing, or a name, tolerance, retry horizon or signature header the provider does not have.
const page = readFileSync(new URL('../../../../../docs/providers/README.md', import.meta.url), 'utf8')

interface CatalogRow {
  name: string
  factory: string
  signatureHeader: string
  tolerance: string
  retryHorizon: string
}

/** The table between the catalog markers; cells are read without their backticks and `\*` marks. */
function catalogRows(markdown: string): CatalogRow[] {
  const table = /<!-- catalog:start -->\n([\s\S]*?)<!-- catalog:end -->/.exec(markdown)?.[1] ?? ''
  const [head, , ...rows] = table.trim().split('\n')
  const columns = cellsOf(head ?? '')
  const at = (name: string) => {
    const index = columns.indexOf(name)
    if (index < 0) throw new Error(`the catalog has no "${name}" column`)
    return index
  }
  return rows.map((row) => {
    const cells = cellsOf(row)
    return {
      name: cells[at('provider')]!,
      factory: cells[at('factory')]!,
      signatureHeader: cells[at('signature header')]!,
      tolerance: cells[at('tolerance')]!,
      retryHorizon: cells[at('retry horizon')]!,
    }
  })
}

function cellsOf(row: string): string[] {
  return row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim().replaceAll('`', '').replace(/\\\*$/, ''))
}

/**
 * How each factory is built and asked to sign, where `{ secret }` and a JSON body are not enough: rows by
 * other providers (a `publicKey`, a verify token, a handshake) add their entry here.
 */
const secret = 'catalog-secret'
const builders: Record<string, () => Provider> = { ...signerBuilders, ...handshakeBuilders }
const signInput = { body: '{"id":"1","type":"t"}', id: 'id-1', type: 'a.b', url: 'https://example.com/hook' }

const rows = catalogRows(page)
const factories = core as unknown as Record<string, ((options: { secret: string }) => Provider) | undefined>

/** The factories of the table above the catalog (the seven the engine started with), by its first column. */
function firstTableFactories(markdown: string): string[] {
  const table = markdown.slice(0, markdown.indexOf('## The catalog'))
  return [...table.matchAll(/^\| `(\w+)` /gm)].map((match) => match[1]!)
}

it('has a row for every provider factory, and one only', () => {
  const listed = [...firstTableFactories(page), ...rows.map((row) => row.factory)]
  expect(listed.length).toBe(new Set(listed).size)
  expect([...listed].sort()).toEqual(providerFactories)
})

describe.each(rows)('$name', (row) => {
  const factory = factories[row.factory]

  it('matches the code', async () => {
    expect(typeof factory, `@hookgate/core exports no ${row.factory}`).toBe('function')
    const provider = builders[row.factory]?.() ?? factory!({ secret })
    expect(provider.name).toBe(row.name)
    expect(provider.retryHorizon).toBe(core.toMs(row.retryHorizon as core.Duration, 'retry horizon'))
    expect(provider.tolerance).toBe(
      row.tolerance === '—' ? undefined : core.toMs(row.tolerance as core.Duration, 'tolerance'),
    )
    const signed = await provider.sign(signInput)
    // — : the signature travels in the body (Mailgun, Adyen, Braintree, Microsoft Graph's clientState).
    if (row.signatureHeader === '—') expect(Object.keys(signed.headers)).toEqual(['Content-Type'])
    else expect(Object.keys(signed.headers)).toContain(row.signatureHeader)
  })
})

describe('the catalog reader', () => {
  it('reads a row by its column names, and refuses a table without one', () => {
    const table = (head: string) =>
      `<!-- catalog:start -->\n| ${head} |\n| - |\n| \`x\` | \`x\` | \`H\` | — | \`3d\`\\* |\n<!-- catalog:end -->`
    expect(catalogRows(table('provider | factory | signature header | tolerance | retry horizon'))).toEqual([
      { name: 'x', factory: 'x', signatureHeader: 'H', tolerance: '—', retryHorizon: '3d' },
    ])
    expect(() => catalogRows(table('provider | factory | header | tolerance | retry horizon'))).toThrow(
      /signature header/,
    )
  })
})
