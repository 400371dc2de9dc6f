import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAlone } from './lock'

const dirs: string[] = []
const lockIn = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lock-'))
  dirs.push(dir)
  return path.join(dir, 'run.lock')
}
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

describe('runAlone', () => {
  it('takes a free lock at once and releases it', async () => {
    const file = lockIn()
    const { waitedSeconds, release } = await runAlone(file, () => {})
    expect(waitedSeconds).toBe(0)
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid))
    release()
    expect(fs.existsSync(file)).toBe(false)
  })

  it('takes over a lock whose process is gone', async () => {
    const file = lockIn()
    // Pids are below 2^22 on Linux: this one cannot be running.
    fs.writeFileSync(file, '99999999')
    const { release } = await runAlone(file, () => {})
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid))
    release()
  })

  it('waits while a live process holds it', async () => {
    const file = lockIn()
    fs.writeFileSync(file, String(process.ppid))
    const lines: string[] = []
    const taken = runAlone(file, (line) => lines.push(line), 20)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(lines).toHaveLength(1)
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.ppid))
    fs.rmSync(file)
    const { release } = await taken
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid))
    release()
  })
})
