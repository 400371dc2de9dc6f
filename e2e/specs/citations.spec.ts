// Citing in Chromium through the harness: keyboard only, live renumbering, the bibliography, styles, import, lookups.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { startHarness } from '../harness/server'
import { expect, test as base } from '../fixtures'

// Outside test-results/, which every Playwright run empties (another run may be going on beside this one).
const shots = path.resolve(__dirname, '../../.cache/screenshots/citations')

/** A local Crossref: one record, for the DOI the editor pastes. No request leaves the machine. */
const test = base.extend<{ lookupUrl: string }>({
  lookupUrl: async ({}, use) => {
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/works/10.1001%2Farchinternmed.2009.65/')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ type: 'journal-article', title: 'A randomized trial comparing acupuncture, simulated acupuncture, and usual care for chronic low back pain', 'container-title': 'Archives of Internal Medicine', author: [{ family: 'Cherkin', given: 'Daniel C.' }], issued: { 'date-parts': [[2009]] }, DOI: '10.1001/archinternmed.2009.65' }))
      }
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    await new Promise<void>((resolve) => server.close(() => resolve()))
  },
  harness: async ({ archiveDir, lookupUrl }, use) => {
    const harness = await startHarness({ archivePath: path.join(archiveDir, 'archive.sqlite'), testHooks: true, lookups: { crossrefUrl: lookupUrl, pubmedUrl: lookupUrl } })
    harness.kopij.citations.store.add(
      { type: 'article-journal', title: 'Pragmatic randomized trial evaluating the clinical and economic effectiveness of acupuncture for chronic low back pain', 'container-title': 'American Journal of Epidemiology', 'container-title-short': 'Am J Epidemiol', volume: '164', issue: '5', page: '487-496', issued: { 'date-parts': [[2006]] }, author: [{ family: 'Witt', given: 'Claudia M.' }, { family: 'Jena', given: 'Susanne' }, { family: 'Selim', given: 'Dagmar' }], DOI: '10.1093/aje/kwj224', PMID: '16798792' },
      { preferredId: 'witt-2006-pragmatic' },
    )
    await use(harness)
    await harness.close()
  },
})

const body = (page: Page) => page.getByRole('textbox', { name: /Tekst van het artikel|Article text/ })
const citations = (page: Page) => body(page).locator('.citation')
const bibliography = (page: Page) => page.locator('section.bibliography li')
/**
 * Keys the browser handles itself (Ctrl+Home, Shift+Arrow) move the DOM selection; ProseMirror takes it over on the
 * selectionchange event that follows. A person never presses the next key within that millisecond; a test does.
 */
async function press(page: Page, key: string) {
  await page.keyboard.press(key)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
}
const results = (page: Page) => page.getByRole('listbox', { name: /Gevonden bronnen|Sources found/ }).getByRole('option')
const saved = (page: Page) => page.getByRole('status').filter({ hasText: /Opgeslagen \(lokaal\) · \d{2}:\d{2}|Saved locally · \d{1,2}:\d{2}/ })

test('a citation inserted with the keyboard only is numbered, moved, renumbered, and the bibliography follows', async ({ app, harness }) => {
  await expect(citations(app)).toHaveText(['(1)'])
  await expect(bibliography(app)).toHaveCount(1)
  await expect(bibliography(app).first()).toContainText('Berman BM, Langevin HH, Witt CM, Dubner R. Acupuncture for Chronic Low Back Pain. N Engl J Med. 29 juli 2010;363(5):454-61.')

  // Into the text with F6, to its very start, and cite Witt 2006 on page 490 there.
  for (let i = 0; i < 4 && !(await body(app).evaluate((el) => el === document.activeElement)); i++) await app.keyboard.press('F6')
  await expect(body(app)).toBeFocused()
  await press(app, 'Control+Home')
  await app.keyboard.press('Control+Shift+C')
  const search = app.getByRole('combobox', { name: 'Zoek een bron' })
  await expect(search).toBeFocused()
  await app.keyboard.type('witt prag')
  await expect(results(app).first()).toContainText('Pragmatic randomized trial')
  await app.keyboard.press('Enter')
  await expect(app.getByText('In deze citatie: 1 bron')).toBeVisible()
  await app.keyboard.press('Tab')
  await expect(app.getByRole('combobox', { name: /Soort vindplaats/ })).toBeFocused()
  await app.keyboard.press('Tab')
  await app.keyboard.type('490')
  await expect(app.locator('.cite-preview output')).toHaveText('(1, p. 490)')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog')).toHaveCount(0)

  // The new citation is first: it is 1, Berman becomes 2, in the text and in the bibliography.
  await expect(citations(app)).toHaveText(['(1, p. 490)', '(2)'])
  await expect(bibliography(app).nth(0)).toContainText('Witt CM, Jena S, Selim D. Pragmatic randomized trial')
  await expect(bibliography(app).nth(1)).toContainText('Berman BM')
  await expect(body(app)).toBeFocused()

  // Move it with the keyboard: select it, cut, to the end of the article, paste.
  await press(app, 'Shift+ArrowLeft')
  await app.keyboard.press('Control+x')
  await expect(citations(app)).toHaveText(['(1)'])
  await expect(bibliography(app)).toHaveCount(1)
  await press(app, 'Control+End')
  await app.keyboard.press('Control+v')
  await expect(citations(app)).toHaveText(['(1)', '(2, p. 490)'])
  await expect(bibliography(app).nth(0)).toContainText('Berman BM')
  await expect(bibliography(app).nth(1)).toContainText('Witt CM')

  // Saved, and the archive knows where Witt 2006 is cited.
  await expect(saved(app)).toBeVisible({ timeout: 5_000 })
  expect(harness.kopij.citations.store.whereUsed('witt-2006-pragmatic').articles).toMatchObject([{ citations: 1 }])

  // Enter on a citation (arrowed onto) edits it: another page.
  await press(app, 'ArrowLeft')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog', { name: 'Citatie bewerken' })).toBeVisible()
  const locator = app.getByRole('textbox', { name: /Vindplaats in Witt/ })
  await locator.focus()
  await locator.fill('491-492')
  await app.keyboard.press('Enter')
  await expect(citations(app).last()).toHaveText('(2, pp. 491-492)')
})

test('the style is the article’s: APA writes author and year, sorts the bibliography, and follows the article’s language', async ({ app }) => {
  await app.getByRole('tab', { name: 'Bronnen' }).click()
  await app.getByRole('combobox', { name: 'Citeerstijl van dit artikel' }).selectOption('apa')
  await expect(citations(app)).toHaveText(['(Berman et al., 2010)'])
  await expect(app.locator('section.bibliography h2')).toHaveText('Bronnen')
  await expect(bibliography(app).first()).toContainText('Berman, B. M., Langevin, H. H., Witt, C. M., & Dubner, R. (2010).')
  await app.locator('section.bibliography').scrollIntoViewIfNeeded()
  fs.mkdirSync(shots, { recursive: true })
  await app.screenshot({ path: path.join(shots, 'bibliography-apa-nl.png') })

  // An English article: the bibliography is headed Sources and dated in English.
  await app.getByRole('tab', { name: 'Details' }).click()
  await app.getByRole('combobox', { name: 'Taal van het artikel' }).selectOption('en')
  await expect(app.locator('section.bibliography h2')).toHaveText('Sources')
  await app.getByRole('combobox', { name: 'Taal van de interface' }).selectOption({ label: 'English' })
  await app.getByRole('tab', { name: 'Sources' }).click()
  await app.getByRole('combobox', { name: 'Citation style of this article' }).selectOption('vancouver')
  await expect(citations(app)).toHaveText(['(1)'])
  await expect(bibliography(app).first()).toContainText('N Engl J Med. 2010 Jul 29;363(5):454–61.')
  await app.locator('section.bibliography').scrollIntoViewIfNeeded()
  await app.screenshot({ path: path.join(shots, 'bibliography-vancouver-en.png') })
})

test('the picker in both languages: cited sources first, a pasted DOI becomes a source that the lookup fills', async ({ app, harness }) => {
  fs.mkdirSync(shots, { recursive: true })
  await body(app).getByText('Dus naast de aanbevelingen').click()
  await press(app, 'End')
  await app.keyboard.press('Control+Shift+C')
  await expect(results(app).first()).toContainText('In dit artikel')
  await app.keyboard.type('berman')
  await app.keyboard.press('Enter')
  await app.keyboard.type('witt prag')
  await expect(results(app).first()).toContainText('Pragmatic randomized trial')
  await app.keyboard.press('Enter')
  await app.getByRole('textbox', { name: /Vindplaats in Berman/ }).fill('458')
  await app.getByRole('textbox', { name: /Tekst vóór Berman/ }).fill('zie')
  await app.getByRole('combobox', { name: 'Zoek een bron' }).focus()
  await app.keyboard.type('10.1001/archinternmed.2009.65')
  await expect(results(app).first()).toContainText('Nieuwe bron uit 10.1001/archinternmed.2009.65')
  await app.screenshot({ path: path.join(shots, 'picker-nl.png') })
  await app.keyboard.press('Enter')
  await expect(app.getByText('In deze citatie: 3 bronnen')).toBeVisible()
  await app.keyboard.press('Enter')
  await expect(citations(app).first()).toHaveText('(zie 1, p. 458; 2; 3)')
  // The provisional source was filled from the (stub) Crossref: the bibliography shows its title.
  await expect(bibliography(app).nth(2)).toContainText('Cherkin DC. A randomized trial comparing acupuncture', { timeout: 10_000 })
  expect(harness.kopij.citations.store.get('doi-10-1001-archinternmed-2009-65')).toMatchObject({ provisional: false, lookup: 'done' })

  await app.getByRole('combobox', { name: 'Taal van de interface' }).selectOption({ label: 'English' })
  await app.keyboard.press('Control+Shift+C')
  await expect(app.getByRole('dialog', { name: 'Insert citation' })).toBeVisible()
  await app.keyboard.type('acupunct')
  await expect(app.getByRole('listbox', { name: 'Sources found' })).toHaveAttribute('aria-busy', 'false')
  await expect(results(app)).toHaveCount(3)
  await app.keyboard.press('ArrowDown')
  const second = (await results(app).nth(1).locator('.cite-title').textContent())!.replace(/…$/, '').slice(0, 40)
  await app.keyboard.press('Enter')
  await expect(app.locator('.cite-item-line')).toContainText(second)
  await expect(app.locator('.cite-preview output')).toHaveText(/^\(\d\)$/)
  await app.screenshot({ path: path.join(shots, 'picker-en.png') })
  await app.keyboard.press('Escape')
  await expect(app.getByRole('dialog')).toHaveCount(0)
})

test('a BibTeX file with a broken record: the error names record and line, only the good records are imported', async ({ app }) => {
  await app.getByRole('tab', { name: 'Bronnen' }).click()
  await app.getByRole('button', { name: 'Bibliotheek' }).click()
  await app.getByRole('button', { name: 'Importeren' }).click()
  const file = [
    '@article{lee2020,\n  author = {Lee, Ji-Young and Kim, Min-Jun},\n  title = {Acupressure for nausea},\n  journal = {Cochrane Database Syst Rev},\n  year = {2020},\n  pages = {CD003281}\n}',
    '@article{broken,\n  title = {Never closed,\n  year = {2019}\n}',
    '@book{ernst2008,\n  author = {Singh, Simon and Ernst, Edzard},\n  title = {Trick or Treatment},\n  year = {2008}\n}',
  ].join('\n\n')
  await app.locator('input[type="file"]').setInputFiles({ name: 'zotero-export.bib', mimeType: 'text/plain', buffer: Buffer.from(file) })
  await expect(app.getByText('3 records, waarvan 2 goed en 1 met fouten.')).toBeVisible()
  await expect(app.locator('.import-problems li')).toHaveText('Record 2, regel 10: broken The braces { } of this entry do not match.')
  await app.getByRole('button', { name: 'Alleen de 2 goede records importeren' }).click()
  await expect(app.getByText('2 bronnen toegevoegd (0 overgeslagen).')).toBeVisible()
  await app.getByRole('button', { name: 'Bronnen', exact: true }).click()
  await app.getByRole('searchbox', { name: 'Bronnen zoeken' }).fill('acupressure')
  await expect(app.getByRole('listbox', { name: 'Bronnen' }).getByRole('option')).toHaveText([/^Lee JY, Kim MJ \(2020\) Acupressure for nausea/])
})
