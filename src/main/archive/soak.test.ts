import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { soak } from './soak'

let dir: string
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-soak-'))))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('killing Kopij at random moments (the short soak; `npm run soak` does 1,000)', () => {
  it('never loses an acknowledged revision, never corrupts the archive, never leaves a migration half done', async () => {
    const report = await soak({ dir, kills: 50, migrationKills: 8 })
    expect(report.kills).toBe(50)
    expect(report.acknowledged).toBeGreaterThan(50)
    expect(report.migration.kills).toBe(8)
    expect(report.migration.old + report.migration.new).toBe(8)
  }, 240_000)
})
