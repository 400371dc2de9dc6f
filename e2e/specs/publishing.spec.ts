// Publishing end to end in Chromium through the harness, against the reference site running in this process.
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'
import { dispatch, editOnSite, publishingWorld, seedId, type PublishingWorld } from './publishing-world'

let world: PublishingWorld | undefined
test.afterEach(async () => {
  await world?.close()
  world = undefined
})

const seedTitle = 'Hoogste medische arbiter: acupunctuur bij lage rugpijn!'
const nav = (page: Page) => page.getByRole('navigation', { name: /^(Publiceren|Publishing)$/ })
const section = (page: Page, name: RegExp) => nav(page).getByRole('tab', { name })
const batchItems = (page: Page) => page.getByRole('list', { name: 'Artikelen in deze batch' }).getByRole('listitem')

test('three demo articles are batch-published from the UI to the reference site, and the published page opens', async ({ app, harness, archiveDir, context }) => {
  world = await publishingWorld(harness.kopij, archiveDir)
  await expect(app.locator('.outbox-indicator')).toHaveAttribute('data-tooltip', 'Ctrl+Shift+P')
  // Keyboard all the way: Ctrl+Shift+P opens publishing, the list takes Space, X and Enter.
  await app.keyboard.press('Control+Shift+P')
  await expect(nav(app).getByRole('button', { name: 'Terug naar schrijven' })).toHaveAttribute('data-tooltip', 'Ctrl+Shift+P')
  await expect(section(app, /^Publiceren$/)).toHaveAttribute('aria-selected', 'true')
  const picker = app.getByRole('listbox', { name: 'Artikelen om te publiceren' })
  await expect(picker.getByRole('option')).toHaveCount(2)
  await app.getByRole('button', { name: 'Alle klare selecteren' }).click()
  await expect(app.getByText('2 artikelen geselecteerd')).toBeVisible()
  // The demo article is marked published, not ready: it is found under "all" and chosen by keyboard.
  await app.getByRole('combobox', { name: 'Status van de artikelen' }).selectOption('all')
  await expect(picker.getByRole('option')).toHaveCount(3)
  await picker.focus()
  for (let i = 0; i < 3; i++) {
    if ((await picker.getAttribute('aria-activedescendant')) === (await picker.getByRole('option', { name: new RegExp(seedTitle.slice(0, 20)) }).getAttribute('id'))) break
    await app.keyboard.press('ArrowDown')
  }
  await app.keyboard.press('Space')
  await expect(app.getByText('3 artikelen geselecteerd')).toBeVisible()
  await app.keyboard.press('Enter')

  await expect(app.getByRole('heading', { name: 'Controle voor publicatie' })).toBeVisible()
  await expect(app.getByRole('status').filter({ hasText: 'gecontroleerd' })).toHaveText('3 artikelen gecontroleerd: 3 kunnen mee')
  await expect(app.getByText('Bijwerken op de site')).toHaveCount(0)
  await app.getByRole('button', { name: '3 artikelen publiceren' }).click()

  const bar = app.getByRole('progressbar', { name: 'Voortgang van de batch' })
  await expect(bar).toHaveAttribute('aria-valuenow', '3', { timeout: 20_000 })
  await expect(app.getByRole('heading', { name: 'Batch naar Referentiesite afgerond' })).toBeVisible()
  await expect(batchItems(app).locator('.state-badge')).toHaveText(['Gepubliceerd', 'Gepubliceerd', 'Gepubliceerd'])
  expect(world.site.store.stats()).toMatchObject({ articles: 3, duplicateCreations: 0 })

  // "View on the site" opens the published page (a new tab in the browser; Electron asks first).
  const link = app.getByRole('link', { name: `${seedTitle} bekijken op de site` })
  const href = await link.getAttribute('href')
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn\/$/)
  const [published] = await Promise.all([context.waitForEvent('page'), link.click()])
  await published.waitForLoadState()
  await expect(published.getByRole('heading', { level: 1 })).toHaveText(seedTitle)
  await expect(published.locator('blockquote[lang="en"]').first()).toContainText('we would suggest a course of 10 to 12 treatments')
  await published.close()

  // Back to writing: the editor has the article again, and the status bar says the outbox is quiet.
  await app.keyboard.press('Control+Shift+P')
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue(seedTitle)
  await expect(app.locator('.outbox-indicator')).toHaveText('Publiceren')
})

test('a site is set up with a real connection test, and its secret is never shown again', async ({ app, harness, archiveDir }) => {
  world = await publishingWorld(harness.kopij, archiveDir, { configure: false })
  await app.locator('.outbox-indicator').click()
  await expect(app.getByText('Er is nog geen site ingesteld.', { exact: false })).toBeVisible()
  await app.getByRole('button', { name: 'Site toevoegen' }).click()
  const dialog = app.getByRole('dialog', { name: 'Site toevoegen' })
  await dialog.getByRole('radio', { name: /Kopij-export-API/ }).check()
  await dialog.getByLabel('Naam').fill('Referentiesite')
  await dialog.getByLabel('Adres van de API').fill(world.site.apiUrl)
  await dialog.getByLabel('Token', { exact: true }).fill('een-verkeerd-token')
  await dialog.getByRole('button', { name: 'Verbinding testen' }).click()
  await expect(dialog.getByRole('status')).toContainText('De site weigert de inloggegevens')
  await dialog.getByLabel('Token', { exact: true }).fill(world.site.token)
  await dialog.getByRole('button', { name: 'Verbinding testen' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Verbinding gelukt: ingelogd als editor.')
  await dialog.getByRole('button', { name: 'Site toevoegen' }).click()
  await expect(dialog).toBeHidden()

  const card = app.getByRole('listitem').filter({ has: app.getByRole('heading', { name: 'Referentiesite' }) })
  await expect(card).toContainText(world.site.apiUrl)
  await expect(card).toContainText('Bewaard, buiten het archief')
  await expect(card).not.toContainText(world.site.token)
  await card.getByRole('button', { name: 'Referentiesite bewerken' }).click()
  await expect(app.getByRole('dialog').getByLabel('Token', { exact: true })).toHaveValue('')
  await app.keyboard.press('Escape')
  // The secret went to main's credential store, not into the archive.
  const saved = (await dispatch(harness.kopij, 'sites.list', {}))[0]!
  expect(saved).toMatchObject({ name: 'Referentiesite', kind: 'kopij-api', hasSecret: true })
  expect(JSON.stringify(saved)).not.toContain(world.site.token)

  // F6 moves between the publishing panes (the hidden article list is skipped) and the status bar's way back.
  await section(app, /Sites/).focus()
  await app.keyboard.press('F6')
  await expect(app.getByRole('heading', { name: 'Sites', level: 2 })).toBeFocused()
  await app.keyboard.press('F6')
  await expect(section(app, /Sites/)).toBeFocused()
  await app.keyboard.press('ArrowUp')
  await expect(section(app, /Outbox/)).toHaveAttribute('aria-selected', 'true')

  await app.keyboard.press('ArrowDown')
  await card.getByRole('button', { name: 'Referentiesite verwijderen' }).click()
  await app.getByRole('dialog', { name: 'Site verwijderen?' }).getByRole('button', { name: 'Verwijderen' }).click()
  await expect(app.getByText('Nog geen sites.')).toBeVisible()
})

test('failing items say why while they wait, a cancelled batch is retried, and a site problem is lifted by a test', async ({ app, harness, archiveDir }) => {
  world = await publishingWorld(harness.kopij, archiveDir, { faults: { errorRate: 1 } })
  await app.keyboard.press('Control+Shift+P')
  await app.getByRole('button', { name: 'Alle klare selecteren' }).click()
  await app.getByRole('button', { name: 'Controleren' }).click()
  await app.getByRole('button', { name: '2 artikelen publiceren' }).click()
  // Every answer is a 500: the items wait for their next attempt and say so.
  await expect(batchItems(app).locator('.state-badge')).toHaveText(['Wacht op nieuwe poging', 'Wacht op nieuwe poging'], { timeout: 15_000 })
  await expect(batchItems(app).first()).toContainText('De site had een storing. Kopij probeert het vanzelf opnieuw.')
  await expect(batchItems(app).first()).toContainText(/Volgende poging \d{2}:\d{2} \(over \d+ seconden?\)|Volgende poging \d{2}:\d{2} \(nu\)/)
  await app.getByRole('button', { name: 'Batch annuleren' }).click()
  await expect(batchItems(app).locator('.state-badge')).toHaveText(['Mislukt', 'Mislukt'])
  await expect(batchItems(app).first()).toContainText('Geannuleerd voordat het werd verstuurd.')

  // The site is well again: "retry failed" sends them.
  world.site.setFaults({})
  await app.getByRole('button', { name: 'Mislukte opnieuw proberen (2)' }).click()
  await expect(batchItems(app).locator('.state-badge')).toHaveText(['Gepubliceerd', 'Gepubliceerd'], { timeout: 15_000 })

  // A site that sends Kopij to a login page has a problem: publishing waits until a connection test succeeds.
  world.site.setFaults({ mode: 'login-redirect' })
  await app.getByRole('button', { name: 'Nieuwe batch' }).click()
  await app.getByRole('combobox', { name: 'Status van de artikelen' }).selectOption('all')
  await app.getByRole('listbox', { name: 'Artikelen om te publiceren' }).getByRole('option', { name: new RegExp(seedTitle.slice(0, 20)) }).click()
  await app.getByRole('button', { name: 'Controleren' }).click()
  await app.getByRole('button', { name: '1 artikel publiceren' }).click()
  await expect(batchItems(app).first()).toContainText('De site stuurde door naar een andere pagina', { timeout: 15_000 })
  await expect(section(app, /Sites/)).toContainText('1 site met een probleem')
  await section(app, /Sites/).click()
  await expect(app.getByRole('alert').filter({ hasText: 'Wat voor deze site klaarstaat, wacht' })).toBeVisible()
  world.site.setFaults({})
  await app.getByRole('button', { name: 'Verbinding met Referentiesite testen' }).click()
  await expect(app.getByText('Verbinding gelukt: ingelogd als editor.')).toBeVisible()
  await section(app, /Outbox/).click()
  await app.getByRole('button', { name: /^Verstuurd/ }).click()
  await expect(app.getByRole('list', { name: 'Items in de outbox' }).getByRole('listitem').filter({ hasText: seedTitle })).toContainText('Gepubliceerd', { timeout: 15_000 })
  expect(world.site.store.stats()).toMatchObject({ articles: 3, duplicateCreations: 0 })
})

test('a conflict with the site is looked at side by side and settled by taking the site’s version', async ({ app, harness, archiveDir }) => {
  world = await publishingWorld(harness.kopij, archiveDir)
  const [homeopathy] = world.articleIds
  await dispatch(harness.kopij, 'publish.start', { siteId: world.siteId!, articleIds: [homeopathy!] })
  await harness.kopij.publishing.service.worker.whenIdle()
  expect(await editOnSite(world.site, homeopathy!, 'Homeopathie: bewerkt op de site', '<p>Een alinea die op de site is geschreven.</p>')).toBe(200)
  const article = harness.kopij.archive.articles.get(homeopathy!)
  harness.kopij.archive.articles.save({ ...article, baseRevisionId: article.revisionId, excerpt: 'Nieuwe samenvatting uit Kopij.' })

  await app.keyboard.press('Control+Shift+P')
  await app.getByRole('listbox', { name: 'Artikelen om te publiceren' }).getByRole('option', { name: /Homeopathie/ }).click()
  await app.getByRole('button', { name: 'Controleren' }).click()
  await expect(app.getByText('Bijwerken op de site')).toBeVisible()
  await app.getByRole('button', { name: '1 artikel publiceren' }).click()
  await expect(batchItems(app).first().locator('.state-badge')).toHaveText('Conflict', { timeout: 15_000 })
  await expect(section(app, /Outbox/)).toContainText('1 item vraagt aandacht')

  await section(app, /Outbox/).click()
  await app.getByRole('button', { name: /Conflict oplossen voor Homeopathie/ }).click()
  const dialog = app.getByRole('dialog', { name: /Conflict: Homeopathie/ })
  await expect(dialog.getByRole('row', { name: /Titel/ })).toContainText('Homeopathie: bewerkt op de site')
  await dialog.getByRole('button', { name: 'Naast elkaar bekijken' }).click()
  const both = dialog.getByRole('group', { name: 'Beide versies naast elkaar' })
  await expect(both.locator('.diff-theirs.is-changed')).toContainText('Een alinea die op de site is geschreven.')
  await expect(both.locator('.diff-mine.is-changed').first()).toContainText('Homeopathische middelen worden zo sterk verdund')
  await dialog.getByRole('button', { name: 'Versie van de site overnemen' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.getByRole('alert')).toContainText('De versie van de site staat nu in het archief')
  await app.getByRole('button', { name: /^Openstaand/ }).click()
  await expect(app.getByText('Niets openstaand: alles is verstuurd.')).toBeVisible()

  // The editor opens the article with the site's text, as a new revision.
  await app.getByRole('button', { name: /^Verstuurd/ }).click()
  await app.getByRole('button', { name: 'Homeopathie en verdunning: wat zegt het onderzoek? openen in de editor' }).first().click()
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue('Homeopathie: bewerkt op de site')
  await expect(app.getByRole('textbox', { name: /Tekst van het artikel/ })).toContainText('Een alinea die op de site is geschreven.')
  expect(harness.kopij.archive.articles.get(seedId).title).toBe(seedTitle)
})

test('the open article is previewed as published, in English too, with nothing loaded from elsewhere', async ({ app, harness, archiveDir, pageErrors }) => {
  world = await publishingWorld(harness.kopij, archiveDir)
  await app.getByRole('combobox', { name: 'Taal van de interface' }).selectOption({ label: 'English' })
  await app.keyboard.press('Control+Shift+E')
  const preview = app.getByRole('article', { name: `Preview of ${seedTitle}` })
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(seedTitle)
  await expect(preview).toContainText('we would suggest a course of 10 to 12 treatments')
  await expect(preview.locator('img, iframe, script, style')).toHaveCount(0)
  await app.getByRole('button', { name: 'Publish…' }).click()
  await expect(app.getByRole('heading', { name: 'Publish articles' })).toBeVisible()
  await expect(app.getByText('1 article selected')).toBeVisible()
  await app.getByRole('button', { name: 'Back to writing' }).click()
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(seedTitle)
  expect(pageErrors).toEqual([])
})

test('writing commands given while publishing go back to writing first', async ({ app }) => {
  await app.keyboard.press('Control+Shift+P')
  await expect(section(app, /^Publiceren$/)).toBeVisible()
  await app.keyboard.press('Control+Shift+F')
  await expect(app.getByRole('searchbox', { name: 'Artikelen zoeken' })).toBeFocused()
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue(seedTitle)
  await app.keyboard.press('Control+Shift+P')
  await expect(nav(app)).toBeVisible()
  await app.keyboard.press('Control+n')
  await expect(app.getByRole('textbox', { name: 'Titel' })).toHaveValue('')
  await expect(app.getByRole('textbox', { name: 'Titel' })).toBeFocused()
  await expect(nav(app)).toBeHidden()
})

test('an article is taken offline from the same view, after a confirmation; one never published there is refused in words', async ({ app, harness, archiveDir }) => {
  world = await publishingWorld(harness.kopij, archiveDir)
  const [homeopathy] = world.articleIds
  await dispatch(harness.kopij, 'publish.start', { siteId: world.siteId!, articleIds: [homeopathy!] })
  await harness.kopij.publishing.service.worker.whenIdle()
  expect((await fetch(`${world.site.url}/homeopathie-en-verdunning/`)).status).toBe(200)

  await app.keyboard.press('Control+Shift+P')
  await app.getByRole('combobox', { name: 'Op de site' }).selectOption({ label: 'Offline halen' })
  const picker = app.getByRole('listbox', { name: 'Artikelen om te publiceren' })
  await picker.getByRole('option', { name: /Kruidenthee/ }).click()
  await app.getByRole('button', { name: 'Offline halen…' }).click()
  await app.getByRole('dialog', { name: 'Artikel offline halen?' }).getByRole('button', { name: 'Offline halen' }).click()
  await expect(app.getByRole('alert')).toContainText('Niet alle gekozen artikelen staan op deze site.')

  await picker.getByRole('option', { name: /Kruidenthee/ }).click()
  await picker.getByRole('option', { name: /Homeopathie/ }).click()
  await app.getByRole('button', { name: 'Offline halen…' }).click()
  const confirm = app.getByRole('dialog', { name: 'Artikel offline halen?' })
  await expect(confirm).toContainText('1 artikel wordt van Referentiesite gehaald.')
  await confirm.getByRole('button', { name: 'Offline halen' }).click()
  await expect(app.getByRole('heading', { name: 'Offline halen bij Referentiesite afgerond' })).toBeVisible({ timeout: 15_000 })
  await expect(batchItems(app).first().locator('.state-badge')).toHaveText('Offline gehaald')
  expect((await fetch(`${world.site.url}/homeopathie-en-verdunning/`)).status).toBe(404)
})
