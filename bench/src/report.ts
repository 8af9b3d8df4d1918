import type { RouteName } from './http/protocol.js'
import { floorRows } from './micro/floor.js'
import { type BenchResults, isSkipped } from './results.js'
import { renderRuntimes } from './runtimes/report.js'

const routeText: Record<RouteName, string> = {
  'bare-raw': 'bare: read the raw body, 204 (the floor)',
  'bare-json': "bare: the framework's JSON parser, 204",
  'floor-verify': 'the verified floor: node:crypto HMAC + timingSafeEqual + JSON.parse, 204',
  'peer-verify': 'standardwebhooks verify, 204',
  'peer-setnx': 'one ioredis SET NX PX, 204',
  'peer-verify-setnx': 'standardwebhooks verify + SET NX, 204',
  'hookgate-memory': 'hookgate, memory store + queue, 202',
  'hookgate-redis': 'hookgate, Redis store + queue, 202',
}

const int = (x: number) => Math.round(x).toLocaleString('en-US')
const percent = (x: number) => `±${(x * 50).toFixed(0)}%`
const sizeText = (bytes: number) => `${bytes / 1024} KiB`
const met = (value: boolean | undefined) => (value === undefined ? '—' : value ? 'met' : '**not met**')

function table(header: string[], rows: string[][], alignRight = header.map((_, i) => i > 0)): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${alignRight.map((right) => (right ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ]
}

/** The whole run as Markdown: targets first, then every table, then where it ran. */
export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = []
  const { machine } = results
  lines.push(
    `Run of ${results.startedAt} (${results.profile} profile, ${Math.round(results.durationSeconds)} s) on ${machine.cpuModel}, ` +
      `${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverage.toFixed(2)} at start; ` +
      `hookgate ${results.hookgateCode === 'dist' ? 'as built (dist)' : 'from its TypeScript sources (tsx)'}.`,
    '',
    '### Targets',
    '',
    ...table(
      ['target', 'measured', ''],
      results.targets.map((t) => [t.target, t.measured, met(t.met)]),
      [false, false, false],
    ),
    '',
  )

  if (!isSkipped(results.micro)) {
    const micro = results.micro
    lines.push(
      '### Micro: one delivery, median ns/op',
      '',
      'Median of per-call medians over alternating repetitions; spread is half the range across repetitions.',
      '',
    )
    for (const size of [...new Set(micro.map((row) => row.size))]) {
      const rows = micro.filter((row) => row.size === size)
      const floor = rows.find((row) => row.name === floorRows.hmac)!.ns.median
      const floorParse = rows.find((row) => row.name === floorRows.hmacParse)!.ns.median
      lines.push(
        `#### ${sizeText(size)} body`,
        '',
        ...table(
          ['', 'ns/op', 'spread', 'x floor', 'x (floor + parse)'],
          rows.map((row) => [
            row.group === 'hookgate' ? `**${row.name}**` : row.name,
            int(row.ns.median),
            percent(row.ns.spread),
            (row.ns.median / floor).toFixed(2),
            (row.ns.median / floorParse).toFixed(2),
          ]),
        ),
        '',
      )
    }
  }

  if (!isSkipped(results.http)) {
    lines.push(
      `### HTTP: ${results.http.length > 0 ? 'POST 2 KiB, new signed delivery per request' : ''}`,
      '',
      `Server on core 0, load generator on core 1${machine.taskset ? '' : ' (NOT pinned: taskset missing)'}. ` +
        'Shares are medians of per-repetition ratios to the same framework in the same repetition. ' +
        "Server CPU is the server process's CPU time (all threads) per request served: what a route costs, " +
        'whatever the load generator manages.',
      '',
    )
    for (const framework of [...new Set(results.http.map((row) => row.framework))]) {
      lines.push(
        `#### ${framework}`,
        '',
        ...table(
          [
            'route',
            'req/s',
            'spread',
            'p99 ms',
            'server CPU µs/req',
            'share of bare JSON',
            'p99 / bare JSON',
            'share of raw floor',
          ],
          results.http
            .filter((row) => row.framework === framework)
            .map((row) => [
              routeText[row.route] + (row.failures > 0 ? ` (${row.failures} FAILED)` : ''),
              int(row.reqPerSec.median),
              percent(row.reqPerSec.spread),
              row.p99Ms.median.toFixed(1),
              row.cpuMicrosPerRequest ? row.cpuMicrosPerRequest.median.toFixed(0) : '—',
              row.shareOfJson.toFixed(2),
              row.p99OverJson.toFixed(2),
              row.shareOfRaw.toFixed(2),
            ]),
        ),
        '',
      )
    }
  }

  lines.push('### Memory', '')
  if (!isSkipped(results.memory)) {
    const m = results.memory
    lines.push(
      `Receiver with the memory store holding ${int(m.ids)} remembered ids: ${int(m.bytesPerId)} bytes per id ` +
        `(heap ${int(m.heapBytesPerId)}, RSS ${int(m.rssBytesPerId)}); heap ${int(m.heapUsedMiB)} MiB, RSS ${int(m.rssMiB)} MiB.`,
    )
  }
  if (!isSkipped(results.redis)) {
    const { memory, roundTrips } = results.redis
    lines.push(
      '',
      `Redis: ${int(memory.bytesPerId)} bytes of used_memory per remembered id (${int(memory.keys)} ids). ` +
        `Round trips per new delivery: ${roundTrips.writesPerDelivery} (${Object.entries(roundTrips.commands)
          .map(([name, count]) => `${name} x${count / roundTrips.deliveries}`)
          .join(', ')}); per duplicate: ${roundTrips.writesPerDuplicate}.`,
    )
  }
  if (results.runtimes && !isSkipped(results.runtimes)) lines.push('', ...renderRuntimes(results.runtimes))
  lines.push(
    '',
    '### Versions',
    '',
    Object.entries(results.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', '),
    '',
  )
  return lines.join('\n')
}
