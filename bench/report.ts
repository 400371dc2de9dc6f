// The bench's result: one JSON file per run (and latest.json), and a table a person can read on stdout.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { round } from './stats'

export interface Metric {
  id: string
  label: string
  unit: 'ms' | 'MB' | 'count' | 'nodes'
  value: number
  /** Upper bound from the issue; absent for figures that explain others. */
  target?: number
  /** Overrides the plain `value <= target` check (the probe check is a band, not a bound). */
  met?: boolean
  targetText?: string
  baseline?: number
  baselineLabel?: string
  /** Shown instead of the number where the number alone would mislead (a bound, not a value). */
  display?: string
}

export interface ResolvedMetric extends Metric {
  met: boolean | undefined
  ratio: number | undefined
}

export function resolve(metric: Metric): ResolvedMetric {
  const met = metric.met ?? (metric.target === undefined ? undefined : metric.value <= metric.target)
  const ratio = metric.baseline !== undefined && metric.baseline > 0 ? metric.value / metric.baseline : undefined
  return {
    ...metric,
    value: round(metric.value),
    baseline: metric.baseline === undefined ? undefined : round(metric.baseline),
    met,
    ratio: ratio === undefined ? undefined : round(ratio, 2),
  }
}

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return ''
  }
}

export function machineFacts(chromium: string, sqlite: string) {
  const cpus = os.cpus()
  const changed = git('status', '--porcelain').split('\n').filter(Boolean).length
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    sqlite,
    commit: git('rev-parse', 'HEAD') || 'unknown',
    /** Files changed in the working tree: the renderer and services measured are the working tree's. */
    uncommittedFiles: changed,
  }
}

const format = (value: number | undefined, unit: string) => {
  if (value === undefined || Number.isNaN(value)) return '—'
  if (unit === 'count' || unit === 'nodes') return `${Math.round(value)}`
  const digits = Math.abs(value) < 1 ? 3 : Math.abs(value) < 10 ? 2 : 1
  return `${value.toFixed(digits)} ${unit}`
}

export function table(metrics: ResolvedMetric[]): string {
  const rows = [
    ['metric', 'value', 'target', 'met?', 'baseline', 'ratio'],
    ...metrics.map((m) => [
      m.label,
      m.display ?? format(m.value, m.unit),
      m.targetText ?? (m.target === undefined ? '' : `≤ ${format(m.target, m.unit)}`),
      m.met === undefined ? '' : m.met ? 'yes' : 'NO',
      m.baseline === undefined ? '' : `${format(m.baseline, m.unit)}${m.baselineLabel ? ` (${m.baselineLabel})` : ''}`,
      m.ratio === undefined ? '' : `${m.ratio.toFixed(2)}×`,
    ]),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => r.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

/** Writes bench/results/<ISO timestamp>.json and latest.json; returns the timestamped path. */
export function writeResults(result: unknown, startedAt: Date): string {
  const dir = path.resolve(__dirname, 'results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const text = `${JSON.stringify(result, (_key, value) => (typeof value === 'number' && !Number.isInteger(value) ? round(value) : value), 2)}\n`
  fs.writeFileSync(file, text)
  fs.writeFileSync(path.join(dir, 'latest.json'), text)
  return file
}
