import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * The benchmark's smoke run, so it cannot rot: every section runs end to end at tiny counts and writes
 * well-formed results. Speed is never asserted here (the bench prints its targets instead); what is
 * asserted is that every row measured the path its name says (no failed request, no skipped row).
 */
const out = mkdtempSync(join(tmpdir(), 'hookgate-bench-smoke-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const run = promisify(execFile)

describe('bench:smoke', () => {
  it('runs every section and writes latest.json and latest.md', { timeout: 180_000 }, async () => {
    await run('pnpm', ['--filter', '@hookgate/bench', 'run', 'bench:smoke', '--out', out], {
      cwd: new URL('../../', import.meta.url).pathname,
      maxBuffer: 16 * 1024 * 1024,
    })
    const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'))
    expect(results).toMatchObject({ schema: 1, profile: 'smoke' })
    expect(results.machine.cores).toBeGreaterThan(0)
    expect(results.versions['@hookgate/core']).toMatch(/^\d+\.\d+\.\d+/)

    expect(results.micro.length).toBeGreaterThan(0)
    for (const row of results.micro) {
      expect(row.ns.median, row.name).toBeGreaterThan(0)
      expect(Number.isFinite(row.ns.median), row.name).toBe(true)
    }
    expect(new Set(results.micro.map((row: { group: string }) => row.group))).toEqual(
      new Set(['floor', 'peer', 'hookgate']),
    )

    expect(results.http.length).toBeGreaterThan(0)
    for (const row of results.http) {
      expect(row.failures, `${row.framework} ${row.route}`).toBe(0)
      expect(row.reqPerSec.median, `${row.framework} ${row.route}`).toBeGreaterThan(0)
    }
    expect(results.http.map((row: { route: string }) => row.route)).toContain('hookgate-memory')

    expect(results.memory.bytesPerId).toBeGreaterThan(0)
    if (!('skipped' in results.redis)) expect(results.redis.roundTrips.deliveries).toBeGreaterThan(0)

    // Every runtime of the section measured, none skipped: a runtime missing here is a failure (as in
    // test/runtimes), not a row that quietly says "not installed".
    expect(results.runtimes.map((row: { runtime: string }) => row.runtime)).toEqual([
      'node',
      'bun',
      'deno',
      'workerd (Miniflare)',
      'edge-runtime',
    ])
    for (const row of results.runtimes) {
      expect(row, row.runtime).not.toHaveProperty('skipped')
      expect(row.failures, row.runtime).toBe(0)
      expect(row.hookgateReqPerSec.median, row.runtime).toBeGreaterThan(0)
    }

    for (const target of results.targets) {
      expect(typeof target.target).toBe('string')
      expect(typeof target.measured).toBe('string')
      expect([true, false, undefined]).toContain(target.met)
    }
    expect(readFileSync(join(out, 'latest.md'), 'utf8')).toContain('### Targets')
  })
})
