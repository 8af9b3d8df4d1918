import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { providers } from '../src/providers.js'
import { samples } from '../src/samples/catalog.js'
import { samplePayload, sampleTypes } from '../src/samples.js'

const folder = fileURLToPath(new URL('../src/samples/', import.meta.url))

describe('bundled samples', () => {
  it('lists every JSON file of the samples folder in the catalog, and nothing else', () => {
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.replaceAll('\\', '/').replace(/\.json$/, ''))
      .sort()
    const listed = Object.entries(samples)
      .flatMap(([provider, types]) => Object.keys(types).map((type) => `${provider}/${type}`))
      .sort()
    expect(listed).toEqual(files)
  })

  it.each(providers.map((profile) => [profile.name, profile] as const))(
    '%s: has samples, its default among them, with the id and time fields it refreshes',
    (name, profile) => {
      expect(sampleTypes(name).length).toBeGreaterThanOrEqual(2)
      expect(sampleTypes(name)).toContain(profile.defaultType)
      for (const type of sampleTypes(name)) {
        const payload = samplePayload(name, type)
        if (profile.payloadId && type !== 'url_verification')
          expect(payload).toHaveProperty(profile.payloadId)
        if (profile.payloadTime && type !== 'url_verification')
          expect(payload).toHaveProperty(profile.payloadTime)
        if (profile.encoding === 'form') {
          for (const value of Object.values(payload)) expect(typeof value).toBe('string')
        }
        expect(JSON.stringify(payload).length).toBeLessThan(2_048)
      }
    },
  )

  it('hands out copies, so stamping one never changes the next', () => {
    samplePayload('stripe', 'invoice.paid').id = 'changed'
    expect(samplePayload('stripe', 'invoice.paid').id).not.toBe('changed')
  })

  it('names the available types when one is unknown', () => {
    expect(() => samplePayload('stripe', 'invoice.unknown')).toThrow(/available: .*invoice\.paid/)
  })
})
