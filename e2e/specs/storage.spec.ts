// Storage faults in the browser: a full disk and a read-only archive never lose what the editor typed.
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'

const body = (page: Page) => page.getByRole('textbox', { name: 'Tekst van het artikel' })
const status = (page: Page) => page.getByRole('status')

async function typeAtEndOf(page: Page, anchor: string, text: string) {
  await body(page).getByText(anchor).click()
  await page.keyboard.press('End')
  await page.keyboard.insertText(text)
}

test('a full disk: told why, text kept (also in a recovery file), saved once there is space again', async ({ app, harness }) => {
  const db = harness.kopij.archive.db
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`)
  await typeAtEndOf(app, 'En afsluitend:', ` Schijf vol. ${'Een lange zin die ruimte kost. '.repeat(200)}`)
  await expect(status(app)).toContainText('Niet opgeslagen', { timeout: 5_000 })
  await expect(status(app)).toContainText('Een kopie staat in een herstelbestand.')
  await expect(body(app)).toContainText('Schijf vol.')
  db.pragma('max_page_count = 1073741823')
  await expect(status(app)).toContainText('Opgeslagen (lokaal)', { timeout: 20_000 })
  const saved = harness.kopij.archive.articles.resolve('hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn')
  expect(JSON.stringify(saved.doc)).toContain('Schijf vol.')
  await app.reload()
  await expect(app.getByRole('dialog')).toHaveCount(0)
})

test('text refused by a read-only archive is offered back after a restart, and restored', async ({ app, harness, pageErrors }) => {
  harness.kopij.archive.db.pragma('query_only = ON')
  await typeAtEndOf(app, 'En afsluitend:', ' Alleen-lezen maar niet verloren.')
  await expect(status(app)).toContainText('Een kopie staat in een herstelbestand.', { timeout: 5_000 })
  // The window goes away with the text unsaved; the next start finds the archive still read-only, then it is mended.
  await app.reload()
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue(/Hoogste medische arbiter/)
  harness.kopij.archive.db.pragma('query_only = OFF')
  const dialog = app.getByRole('dialog', { name: 'Tekst die niet was opgeslagen' })
  await expect(dialog).toContainText('Hoogste medische arbiter')
  await dialog.getByRole('button', { name: 'Terugzetten' }).click()
  await expect(dialog).toBeHidden()
  await expect(body(app)).toContainText('Alleen-lezen maar niet verloren.')
  await expect(app.getByRole('tab', { name: 'Geschiedenis' })).toBeVisible()
  // Remembering the open article failed while the archive was read-only: that notice is the app's right answer.
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes('notices.settingsFailed')))
})
