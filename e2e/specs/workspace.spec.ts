// The walking skeleton end to end in Chromium through the harness: open, type, autosave, reload, search, languages.
import fs from 'node:fs'
import path from 'node:path'
import { expect, injectDelay, injectFault, test } from '../fixtures'
import type { Page } from '@playwright/test'

const seedTitle = 'Hoogste medische arbiter: acupunctuur bij lage rugpijn!'
const saved = (page: Page) => page.getByRole('status').filter({ hasText: /Opgeslagen \(lokaal\) · \d{2}:\d{2}|Saved locally · \d{1,2}:\d{2}/ })
const body = (page: Page) => page.getByRole('textbox', { name: /Tekst van het artikel|Article text/ })

test('a new user sees the seed article, types in it, and finds the text again after a reload', async ({ app, harness }) => {
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue(seedTitle)
  await expect(body(app)).toContainText('Local anesthesia at needle-insertion sites')
  await expect(app.locator('blockquote[lang="en"]')).toHaveCount(4)

  await body(app).getByText('Dus naast de aanbevelingen').click()
  await app.keyboard.press('End')
  await app.keyboard.type(' Kwakzalverijcheck volgt.')
  await expect(app.getByRole('status').filter({ hasText: /Niet-opgeslagen|Opslaan/ })).toBeVisible()
  await expect(saved(app)).toBeVisible({ timeout: 5_000 })

  // Saved means committed in SQLite, not merely sent.
  const stored = harness.kopij.archive.articles.resolve('hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn')
  expect(JSON.stringify(stored.doc)).toContain('Kwakzalverijcheck volgt.')

  await app.reload()
  await expect(body(app)).toContainText('Kwakzalverijcheck volgt.')

  const search = app.getByRole('searchbox', { name: 'Artikelen zoeken' })
  await search.fill('kwakzalverij')
  const hit = app.getByRole('listbox', { name: 'Artikelen' }).getByRole('option').first()
  await expect(hit).toContainText(seedTitle)
  await expect(hit.locator('mark').filter({ hasText: /Kwakzalverijcheck/i })).toBeVisible()
  await expect(app.getByText('1 artikel gevonden')).toBeVisible()
})

test('the interface language switches, is remembered, and dates follow it', async ({ app }) => {
  await expect(saved(app)).toBeVisible()
  await app.getByRole('combobox', { name: 'Taal van de interface' }).selectOption({ label: 'English' })
  await expect(app.getByRole('searchbox', { name: 'Search articles' })).toBeVisible()
  await expect(app.getByRole('tab', { name: 'History' })).toBeVisible()
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(seedTitle)
  await expect(app.locator('html')).toHaveAttribute('lang', 'en')
  await app.reload()
  await expect(app.getByRole('searchbox', { name: 'Search articles' })).toBeVisible()
  await expect(saved(app)).toContainText('Saved locally')
  await app.getByRole('combobox', { name: 'Interface language' }).selectOption({ label: 'Nederlands' })
  await expect(app.getByRole('tab', { name: 'Geschiedenis' })).toBeVisible()
})

test('a new article by keyboard is saved, and is the one open after a restart', async ({ app, harness }) => {
  await expect(saved(app)).toBeVisible()
  // The archive answers slowly: everything below is typed before the new article is on screen.
  await injectDelay(harness, 'articles.create', 700)
  await app.keyboard.press('Control+n')
  await app.keyboard.type('Homeopathie en verdunning')
  await app.keyboard.press('Enter')
  await app.keyboard.type('Een tweede artikel, getypt zonder muis.')
  const title = app.getByRole('textbox', { name: 'Titel' })
  await expect(title).toHaveValue('Homeopathie en verdunning')
  await expect(body(app)).toContainText('Een tweede artikel, getypt zonder muis.')
  await expect(saved(app)).toBeVisible({ timeout: 5_000 })
  const found = harness.kopij.archive.articles.find({ query: 'verdunning', status: 'all', limit: 5, offset: 0 })
  expect(found.items.map((a) => a.title)).toEqual(['Homeopathie en verdunning'])
  expect(JSON.stringify(harness.kopij.archive.articles.resolve('hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn').doc)).not.toContain('Homeopathie')
  await app.reload()
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue('Homeopathie en verdunning')
  await expect(body(app)).toContainText('Een tweede artikel, getypt zonder muis.')
  await expect(app.getByRole('listbox', { name: 'Artikelen' }).getByRole('option')).toHaveCount(2)
})

test('an older revision is restored from the history, and the current text stays in the history', async ({ app }) => {
  await body(app).getByText('En afsluitend:').click()
  await app.keyboard.press('End')
  await app.keyboard.type(' TIJDELIJK')
  await expect(saved(app)).toBeVisible({ timeout: 5_000 })
  await expect(body(app)).toContainText('TIJDELIJK')

  await app.getByRole('tab', { name: 'Geschiedenis' }).click()
  const versions = app.getByRole('tabpanel', { name: 'Geschiedenis' }).getByRole('button').filter({ hasText: /Geïmporteerd/ })
  await versions.first().click()
  await expect(app.getByRole('textbox', { name: /Tekst van de eerdere versie/ })).not.toContainText('TIJDELIJK')
  await app.getByRole('button', { name: 'Deze versie terugzetten' }).click()
  await app.getByRole('dialog', { name: 'Versie terugzetten?' }).getByRole('button', { name: /terugzetten/i }).click()
  await expect(body(app)).not.toContainText('TIJDELIJK')
  await expect(app.getByRole('tabpanel', { name: 'Geschiedenis' })).toContainText('Teruggezet')
})

test('when saving fails the editor is told why, keeps the text, and saves once it can', async ({ app, harness }) => {
  await expect(saved(app)).toBeVisible()
  await injectFault(harness, 'articles.save', 'disk-full', 1)
  await body(app).getByText('En afsluitend:').click()
  await app.keyboard.press('End')
  await app.keyboard.type(' Schijf vol?')
  await expect(app.getByRole('status').filter({ hasText: /Niet opgeslagen: .*schijf/i })).toBeVisible({ timeout: 5_000 })
  await expect(body(app)).toContainText('Schijf vol?')
  await expect(saved(app)).toBeVisible({ timeout: 15_000 })
  expect(JSON.stringify(harness.kopij.archive.articles.resolve('hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn').doc)).toContain('Schijf vol?')
})

test('search text is text: FTS syntax and markup find nothing odd and break nothing', async ({ app, pageErrors }) => {
  const search = app.getByRole('searchbox', { name: 'Artikelen zoeken' })
  for (const query of ['"acupunctuur AND (NEAR*', 'rugpijn OR', '*', '<img src=x onerror=alert(1)>', ')))"""']) {
    await search.fill(query)
    await expect(app.getByRole('listbox', { name: 'Artikelen' })).toBeVisible()
  }
  await search.fill('(acupunctuur')
  await expect(app.getByRole('listbox', { name: 'Artikelen' }).getByRole('option')).toHaveCount(1)
  // ProseMirror's own separator after an inline node at a line's end (the seed's citation) is not markup from the search.
  await expect(app.locator('img:not(.ProseMirror-separator)')).toHaveCount(0)
  expect(pageErrors).toEqual([])
})

test('shortcut help opens with F1 and closes with Escape, giving focus back', async ({ app }) => {
  await app.getByRole('searchbox', { name: 'Artikelen zoeken' }).focus()
  await app.keyboard.press('F1')
  const help = app.getByRole('dialog')
  await expect(help).toBeVisible()
  await expect(help).toContainText('Ctrl')
  await app.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await expect(app.getByRole('searchbox', { name: 'Artikelen zoeken' })).toBeFocused()
})

test('the production renderer bundle carries no HTTP transport of its own', async () => {
  const assets = path.resolve(__dirname, '../../out/renderer/assets')
  const code = fs.readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(assets, f), 'utf8')).join('\n')
  expect(code.length).toBeGreaterThan(10_000)
  for (const transport of ['EventSource', '/api/call', 'XMLHttpRequest', 'WebSocket']) expect(code, transport).not.toContain(transport)
})
