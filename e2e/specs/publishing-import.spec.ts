// Importing the existing site from the UI: a WordPress export file, its progress and outcome, and a broken file.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '../fixtures'
import { expectedCounts, writeWxr } from '../../src/main/publishing/testing/wxr'

test('a WordPress export is imported from the publishing view, a broken one says why, and the articles are in the list', async ({ app, harness, archiveDir }) => {
  const file = path.join(archiveDir, 'export.xml')
  const shape = { posts: 60, commentsPerPost: 3 }
  writeWxr(file, shape)
  const expected = expectedCounts(shape)
  const broken = path.join(archiveDir, 'kapot.xml')
  fs.writeFileSync(broken, '<?xml version="1.0"?><rss><channel><item><title>Half af')

  await app.keyboard.press('Control+Shift+P')
  await app.getByRole('navigation', { name: 'Publiceren' }).getByRole('tab', { name: /Importeren/ }).click()
  const path_ = app.getByLabel('Bestand op deze computer')
  await path_.fill(broken)
  await app.getByRole('button', { name: 'Bestand importeren' }).click()
  const imports = app.getByRole('list', { name: 'Imports' }).getByRole('listitem')
  await expect(imports.first()).toContainText('Mislukt', { timeout: 15_000 })
  await expect(imports.first()).toContainText('kapot.xml')
  await expect(imports.first().getByRole('button', { name: 'Hervatten' })).toBeVisible()

  await path_.fill(file)
  await app.getByRole('button', { name: 'Bestand importeren' }).click()
  const done = imports.filter({ hasText: 'export.xml' })
  await expect(done).toContainText('Klaar', { timeout: 30_000 })
  await expect(done).toContainText(new RegExp(`${expected.posts} van \\d+ artikelen`))
  await expect(done).toContainText(`${expected.comments} reacties`)
  const total = expected.posts + 1
  expect(harness.kopij.archive.articles.find({ query: '', status: 'all', limit: 1, offset: 0 }).total).toBe(total)
  // The export's site is known now, without a password: it is listed under Sites to fill in.
  await app.getByRole('navigation', { name: 'Publiceren' }).getByRole('tab', { name: /Sites/ }).click()
  await expect(app.getByRole('heading', { name: 'Alternatieve geneeswijzen' })).toBeVisible()

  await app.getByRole('button', { name: 'Terug naar schrijven' }).click()
  await expect(app.getByRole('navigation', { name: 'Artikelen' }).getByText(`${total} artikelen`)).toBeVisible()
})
