import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentToHtml } from '../shared/document'
import type { EventName } from '../shared/api'
import { demoArticleId } from './archive/demo'
import { startKopij, type Kopij } from './kopij'

let dir: string
let kopij: Kopij
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-root-'))
  kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', checkOutput: true })
})
afterEach(() => {
  kopij.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const call = async (name: string, input: unknown) => {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as any
}

describe('a new archive is the demo archive', () => {
  it('holds the seed article with its structure, its source and two pending comments', async () => {
    const article = await call('articles.get', { id: demoArticleId })
    expect(article).toMatchObject({
      title: 'Hoogste medische arbiter: acupunctuur bij lage rugpijn!',
      language: 'nl',
      categoryPath: ['Meest gebruikte behandelwijzen', 'Acupunctuur'],
    })
    const html = documentToHtml(article.doc)
    expect(html.match(/<blockquote lang="en">/g)).toHaveLength(4)
    expect(html).toContain('<h2>Hoe werkt acupunctuur dan?</h2>')
    expect(html.match(/<ol>|<ol /g)?.length).toBe(2)
    expect(html).toContain('μ-opioid–binding potential')
    const sources = await call('sources.forArticle', { articleId: demoArticleId })
    expect(sources[0].csl).toMatchObject({ title: 'Acupuncture for Chronic Low Back Pain', DOI: '10.1056/NEJMcp0909344', page: '454-461' })
    expect(sources[0].csl.author.map((a: { family: string }) => a.family)).toEqual(['Berman', 'Langevin', 'Witt', 'Dubner'])
    const comments = await call('comments.forArticle', { articleId: demoArticleId })
    expect(comments.map((c: { authorName: string; status: string }) => [c.authorName, c.status])).toEqual([
      ['Erik', 'pending'],
      ['David', 'pending'],
    ])
    expect(comments[1].text).toContain('Laat je niet foppen!!')
  })

  it('cites Berman 2010 where the seed page named its source, with a bibliography in both styles and languages', async () => {
    const article = await call('articles.get', { id: demoArticleId })
    expect(JSON.stringify(article.doc)).not.toContain('N Engl J Med 2010; 363:454-461')
    const published = kopij.citations.published(demoArticleId)
    expect(published.derived.labels).toEqual(['(1)'])
    // The source line is a citation now; the bibliography under it says the rest.
    expect(published.html).toContain('<p>Bron: <span class="citation">(<a href="#bron-1">1</a>)</span></p><section class="bibliography">')
    expect(published.html).toContain(
      '<section class="bibliography"><h2>Bronnen</h2><ol><li id="bron-1">Berman BM, Langevin HH, Witt CM, Dubner R. Acupuncture for Chronic Low Back Pain. N Engl J Med. 29 juli 2010;363(5):454-61. doi:<a href="https://doi.org/10.1056/NEJMcp0909344" rel="noopener noreferrer">10.1056/NEJMcp0909344</a> PubMed PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/20818865/" rel="noopener noreferrer">20818865</a>.</li></ol></section>',
    )
    expect(published.sources.map((s) => s.id)).toEqual(['berman-2010-acupuncture'])

    // The same article in APA, and in English: the style is the document's, the language the article's.
    const apa = { ...article, doc: { ...article.doc, attrs: { citationStyle: 'apa' } }, language: 'en' }
    await call('articles.save', { ...apa, baseRevisionId: article.revisionId })
    const english = kopij.citations.published(demoArticleId)
    expect(english.derived.labels).toEqual(['(Berman et al., 2010)'])
    expect(english.html).toContain('<h2>Sources</h2><ul><li id="bron-1">Berman, B. M., Langevin, H. H., Witt, C. M., &amp; Dubner, R. (2010). Acupuncture for Chronic Low Back Pain. <i>New England Journal of Medicine</i>, <i>363</i>(5), 454–461.')
    expect(english.html).toContain('PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/20818865/"')
  })

  it('is not seeded again when reopened', async () => {
    kopij.close()
    kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli' })
    expect((await call('articles.find', {})).total).toBe(1)
  })
})

describe('the contract end to end', () => {
  it('announces saves, restores and settings as events', async () => {
    const seen: [EventName, unknown][] = []
    kopij.events.subscribe((name, payload) => seen.push([name, payload]))
    const article = await call('articles.create', { title: 'Nieuw' })
    const saved = await call('articles.save', { ...article, id: article.id, baseRevisionId: article.revisionId, title: 'Nieuw artikel' })
    await call('revisions.restore', { articleId: article.id, revisionId: article.revisionId })
    await call('settings.update', { language: 'en', lastArticleId: article.id })
    expect(seen.map(([name]) => name)).toEqual(['article.saved', 'article.saved', 'article.saved', 'settings.changed'])
    expect(seen[1]![1]).toMatchObject({ articleId: article.id, revisionId: saved.article.revisionId })
    expect(await call('settings.get', {})).toEqual({ language: 'en', lastArticleId: article.id })
  })

  it('keeps settings within their schema', async () => {
    expect((await kopij.dispatch('settings.update', { language: 'de' })).ok).toBe(false)
    expect((await kopij.dispatch('settings.update', { theme: 'dark' })).ok).toBe(false)
    kopij.archive.settings.write('preferences', { language: 'klingon' })
    expect(await call('settings.get', {})).toEqual({ language: 'nl', lastArticleId: null })
  })
})
