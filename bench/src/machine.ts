import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'

/** Everything a reader needs to judge a result table: where and on what it ran. */
export interface MachineInfo {
  node: string
  v8: string
  platform: string
  arch: string
  osRelease: string
  cpuModel: string
  cores: number
  memoryGiB: number
  /** 1-minute load average when the run started: a busy machine explains a noisy table. */
  loadAverage: number
  /** Whether the HTTP section could pin server and load generator to separate cores. */
  taskset: boolean
}

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg()[0]!,
    taskset: hasTaskset(),
  }
}

const benchRoot = new URL('../', import.meta.url)

/** The installed version of every package the bench measures, read from the bench's own node_modules. */
export function packageVersions(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(new URL('package.json', benchRoot), 'utf8')) as {
    devDependencies: Record<string, string>
  }
  const versions: Record<string, string> = {}
  for (const name of Object.keys(manifest.devDependencies)) {
    if (name.startsWith('@types/')) continue
    const installed = JSON.parse(
      readFileSync(new URL(`node_modules/${name}/package.json`, benchRoot), 'utf8'),
    ) as { version: string }
    versions[name] = installed.version
  }
  return versions
}
