import { readdirSync, readFileSync } from 'node:fs'
import * as core from '@hookgate/core'

/**
 * Every provider factory `@hookgate/core` exports, read from the sources (`export function x(options):
 * Provider`) and sorted: tests that must cover every provider take their list from here, so a new factory
 * is held to them without anyone adding it by hand.
 */
const sources = new URL('../../src/', import.meta.url)
const factoryPattern = /export function (\w+)\(options: \w+\): Provider\b/g
const exported = core as unknown as Record<string, unknown>

export const providerFactories: readonly string[] = (readdirSync(sources, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) => [...readFileSync(new URL(file, sources), 'utf8').matchAll(factoryPattern)])
  .map((match) => match[1]!)
  .filter((name) => typeof exported[name] === 'function')
  .sort()
