// `npx tsx scripts/screenshots.ts`: the README's pictures, taken from the built app on a fresh demo archive.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { startHarness } from '../e2e/harness/server'
import { chromiumPath } from '../playwright.config'

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-shots-'))
  const out = path.resolve(__dirname, '../resources/screenshots')
  const harness = await startHarness({ archivePath: path.join(dir, 'archive.sqlite') })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(harness.url)
    await page.getByRole('status').filter({ hasText: /Opgeslagen/ }).waitFor()
    await page.getByRole('searchbox').fill('acupunctuur rugpijn')
    await page.getByRole('listbox').getByRole('option').locator('mark').first().waitFor()
    await page.screenshot({ path: path.join(out, 'kopij-nl.png') })
    await page.getByRole('combobox', { name: 'Taal van de interface' }).selectOption({ label: 'English' })
    await page.getByRole('tab', { name: 'Comments' }).click()
    await page.getByRole('status').filter({ hasText: /Saved locally/ }).waitFor()
    await page.screenshot({ path: path.join(out, 'kopij-en.png') })
    console.log(`Screenshots in ${out}`)
  } finally {
    await browser.close()
    await harness.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
