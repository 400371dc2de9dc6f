// Large input: a 100,000-word article and a 5 MB paste keep the editor usable, and both are saved.
import { expect, test } from '../fixtures'
import { generatedArticle, random } from '../../bench/generate'

test('a 100,000-word article opens, takes typing and saves', async ({ app, harness }) => {
  test.setTimeout(120_000)
  const fields = { ...generatedArticle(random(7), 100_000), title: 'Een heel lang artikel', status: 'draft' as const }
  const article = harness.kopij.archive.articles.insert(fields)
  expect(article.wordCount).toBeGreaterThan(99_000)
  await app.reload()
  await app.getByRole('listbox', { name: 'Artikelen' }).getByRole('option', { name: /Een heel lang artikel/ }).click()
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue('Een heel lang artikel')
  const body = app.getByRole('textbox', { name: 'Tekst van het artikel' })
  await body.locator('p').first().click()
  await app.keyboard.press('Home')
  await app.keyboard.type('Begin. ')
  await expect(app.getByRole('status').filter({ hasText: /Opgeslagen \(lokaal\)/ })).toBeVisible({ timeout: 15_000 })
  const stored = harness.kopij.archive.articles.get(article.id)
  expect(JSON.stringify(stored.doc)).toContain('Begin. ')
  expect(stored.wordCount).toBeGreaterThan(99_000)
})

test('a 5 MB paste of web-page HTML lands in the editor and is saved', async ({ app, harness }) => {
  test.setTimeout(120_000)
  await app.keyboard.press('Control+n')
  await app.keyboard.type('Geplakt')
  await app.keyboard.press('Enter')
  const paragraph = '<p style="color:red" onclick="alert(1)">Acupunctuur <b>werkt</b> via het <a href="javascript:alert(1)">zenuwstelsel</a> en <span style="font-size:30px">endogene opioïden</span>.</p>'
  const html = `<div class="wp-content"><script>alert(1)</script>${paragraph.repeat(Math.ceil(5_000_000 / paragraph.length))}</div>`
  expect(html.length).toBeGreaterThan(5_000_000)
  await app.evaluate((pasted) => {
    const data = new DataTransfer()
    data.setData('text/html', pasted)
    data.setData('text/plain', 'plain')
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, html)
  const body = app.getByRole('textbox', { name: 'Tekst van het artikel' })
  await expect(body.locator('p').nth(100)).toContainText('endogene opioïden')
  await expect(body.locator('[onclick], [style], script, a[href^="javascript"]')).toHaveCount(0)
  // Saved means in the archive: wait for the pasted words there, then for the UI to say so.
  const pasted = () => {
    const hit = harness.kopij.archive.articles.find({ query: 'Geplakt', status: 'all', limit: 1, offset: 0 }).items[0]
    return hit ? harness.kopij.archive.articles.get(hit.id) : undefined
  }
  await expect.poll(() => pasted()?.wordCount ?? 0, { timeout: 30_000 }).toBeGreaterThan(200_000)
  await expect(app.getByRole('status').filter({ hasText: /Opgeslagen \(lokaal\)/ })).toBeVisible({ timeout: 30_000 })
  const stored = pasted()!
  expect(JSON.stringify(stored.doc)).not.toContain('javascript:')
})
