// Playwright fixtures: every test gets its own archive and harness, and fails on any CSP violation or page error.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startHarness, type Harness } from './harness/server'

export interface KopijFixtures {
  archiveDir: string
  harness: Harness
  /** The app open on the harness, with the demo article loaded and ready for keys. */
  app: Page
  /** Console errors and page errors seen during the test; the fixture fails the test when there are any. */
  pageErrors: string[]
}

export const test = base.extend<KopijFixtures>({
  archiveDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-e2e-'))
    await use(dir)
    fs.rmSync(dir, { recursive: true, force: true })
  },
  harness: async ({ archiveDir }, use) => {
    const harness = await startHarness({ archivePath: path.join(archiveDir, 'archive.sqlite'), testHooks: true })
    await use(harness)
    await harness.close()
  },
  pageErrors: async ({}, use) => {
    const errors: string[] = []
    await use(errors)
    expect(errors, 'console errors, CSP violations or uncaught exceptions in the page').toEqual([])
  },
  app: async ({ page, harness, pageErrors }, use) => {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
        pageErrors.push(`console: ${message.text()}`)
    })
    await page.goto(harness.url)
    // Ready when the remembered (or newest) article is open and says it is saved: keys pressed earlier have no app yet.
    await page.getByRole('status').filter({ hasText: /Opgeslagen|Saved/ }).waitFor()
    await use(page)
  },
})

export { expect }

/** Makes the next `times` calls of `call` fail with `code` (the harness's test hook). */
export async function injectFault(harness: Harness, call: string, code: string, times = 1): Promise<void> {
  await harnessHook(harness, { call, code, times })
}

/** Makes the next `times` calls of `call` answer only after `delayMs` (the harness's test hook). */
export async function injectDelay(harness: Harness, call: string, delayMs: number, times = 1): Promise<void> {
  await harnessHook(harness, { call, delayMs, times })
}

async function harnessHook(harness: Harness, fault: object): Promise<void> {
  const response = await fetch(`${harness.url}__harness/faults`, { method: 'POST', body: JSON.stringify(fault) })
  if (response.status !== 204) throw new Error(`fault injection refused: ${response.status}`)
}
