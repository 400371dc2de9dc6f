import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryCredentialStore } from '../publishing'
import { demoArticleId } from '../archive/demo'
import { startKopij, type Kopij } from '../kopij'

let dir: string
let kopij: Kopij
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-quotes-'))
  kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', checkOutput: true, outbox: { start: false }, credentials: new MemoryCredentialStore(), lookups: { crossrefUrl: 'http://127.0.0.1:9', pubmedUrl: 'http://127.0.0.1:9', timeoutMs: 200 } })
})
afterEach(() => {
  kopij.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const call = async (name: string, input: unknown) => {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(`${envelope.error.code}: ${envelope.error.message}`), envelope.error)
  return envelope.value as any
}
const demoQuotes = { conclusion: '7d0c1a52-3f1e-4b8e-9a61-2c5d8e4f0a11', assessment: '1f6b2e94-8c3d-4a57-b0e2-6d9a4c1f3b22', guidelines: 'c4a9e3d1-5b72-4f08-a6c3-9e1d2b7f4a33', mechanisms: 'e8b5f7c2-1d94-4c6a-8f3e-5a2b7d9c0e44' }
const kinds = (findings: { segment: number | null; kind: string; details: any }[]) => findings.map((f) => `${f.segment ?? '-'} ${f.kind} ${f.details.variant ?? f.details.term ?? ''}`.trim())

function withBlock(quote: string, citation: object | null = { items: [{ source: 'berman-2010-acupuncture', label: 'page', locator: '459' }] }) {
  const article = kopij.archive.articles.get(demoArticleId)
  const doc = structuredClone(article.doc) as { content: unknown[] }
  doc.content.splice(2, 0, { type: 'bilingualQuote', attrs: { quote, layout: 'under' }, content: citation ? [{ type: 'citation', attrs: citation }] : [] })
  return kopij.archive.articles.save({ ...article, doc: doc as never, baseRevisionId: article.revisionId }).article
}

describe('the demo archive’s quotes', () => {
  it('holds the seed page’s quotations with its own Dutch renderings, and QA finds the real slips', async () => {
    const qa = await call('quotes.qa', { articleId: demoArticleId })
    expect(qa.quotes).toHaveLength(4)
    expect(qa.missing).toEqual([])
    const mechanisms = qa.quotes.find((q: any) => q.quote.id === demoQuotes.mechanisms)
    expect(mechanisms.quote).toMatchObject({ segments: 6, counts: { draft: 6 }, source: { label: 'Berman et al. 2010', url: 'https://doi.org/10.1056/NEJMcp0909344' } })
    const found = kinds(mechanisms.findings)
    // The list item "verhoogde binding aan opiaten" for "μ-opioid–binding potential".
    expect(found).toEqual(expect.arrayContaining(['5 glossary-forbidden opiaat', '5 glossary-missing μ-opioid', '5 glossary-missing binding potential']))
    // The hormone item: a rat study, ACTH and cortisol gone.
    expect(found).toEqual(expect.arrayContaining(['3 glossary-missing rat', '3 glossary-missing cortisol', '3 glossary-missing adrenocorticotropic hormone']))
    // Eight Dutch items for six English ones; adenosine made a neuro-hormone; local blood flow moved to the brain.
    expect(found).toEqual(expect.arrayContaining(['6 segment-count', '6 sentence-count', '6 glossary-forbidden neurohormoon', '6 glossary-missing local blood flow', '2 glossary-forbidden opiumachtige stoffen', '- no-locator']))
    const guidelines = qa.quotes.find((q: any) => q.quote.id === demoQuotes.guidelines)
    // "who do not have a response to self-care" and "chronic" dropped from the recommendation.
    expect(kinds(guidelines.findings)).toEqual(expect.arrayContaining(['1 negation', '1 glossary-missing chronic low back pain', '1 glossary-missing self-care', '2 untranslated']))
    expect(kinds(guidelines.findings)).not.toContain('1 glossary-missing physician')
  })
})

describe('translating a quote', () => {
  it('drafts, confirms into the memory, and offers the pair to another quote with the difference marked', async () => {
    const quote = await call('quotes.get', { id: demoQuotes.conclusion })
    const segment = quote.segments[0]
    expect(segment).toMatchObject({ status: 'new', stale: false, hits: expect.arrayContaining([expect.objectContaining({ term: 'acupuncturist' })]) })
    const draft = await call('segments.translate', { quoteId: quote.id, segmentId: segment.id, translation: '…wij zouden een kuur van 10 tot 21 behandelingen in 8 weken aanraden bij een gediplomeerd acupuncturist of een arts met een opleiding in medische acupunctuur.' })
    expect(draft.segment.status).toBe('draft')
    expect(kinds(draft.findings)).toEqual(['- no-locator', '1 numbers'])
    const fixed = draft.segment.translation.replace('21', '12')
    const confirmed = await call('segments.setStatus', { quoteId: quote.id, segmentId: segment.id, status: 'translated', translation: fixed })
    expect(confirmed.segment).toMatchObject({ status: 'translated', translation: fixed })
    expect(kinds(confirmed.findings)).toEqual(['- no-locator'])
    const other = await call('quotes.create', { articleId: null, sourceId: 'berman-2010-acupuncture', locator: '460', original: 'We would suggest a course of 10 to 12 treatments over a period of 6 weeks from a licensed acupuncturist or a physician trained in medical acupuncture.' })
    const { matches } = await call('tm.lookup', { text: other.segments[0].original })
    expect(matches[0]).toMatchObject({ target: fixed, origin: 'quote', quoteId: quote.id })
    expect(matches[0].score).toBeGreaterThan(85)
    expect(matches[0].diff.filter((d: any) => d.op !== 'equal').map((d: any) => d.text.trim())).toEqual(expect.arrayContaining(['8', '6']))
  })

  it('marks a translation stale when its original changes, keeps it, and clears the mark when it is confirmed again', async () => {
    const created = await call('quotes.create', { sourceId: 'berman-2010-acupuncture', locator: '459', original: 'Acupuncture helps. It is safe.', translation: 'Acupunctuur helpt. Het is veilig.' })
    expect(created.segments.map((s: any) => [s.status, s.stale])).toEqual([['draft', false], ['draft', false]])
    const first = created.segments[0]
    await call('segments.setStatus', { quoteId: created.id, segmentId: first.id, status: 'reviewed' })
    const version = (await call('quotes.get', { id: created.id })).version
    const changed = await call('segments.setOriginal', { quoteId: created.id, baseVersion: version, segmentId: first.id, original: 'Acupuncture rarely helps.' })
    expect(changed.segments[0]).toMatchObject({ original: 'Acupuncture rarely helps.', translation: 'Acupunctuur helpt.', status: 'reviewed', stale: true })
    expect(kinds(changed.findings)).toEqual(['1 stale'])
    await expect(call('segments.setOriginal', { quoteId: created.id, baseVersion: version, segmentId: first.id, original: 'x' })).rejects.toMatchObject({ code: 'conflict' })
    const again = await call('segments.setStatus', { quoteId: created.id, segmentId: first.id, status: 'translated', translation: 'Acupunctuur helpt zelden.' })
    expect(again.segment).toMatchObject({ stale: false, status: 'translated' })
    await expect(call('segments.setStatus', { quoteId: created.id, segmentId: created.segments[1].id, status: 'translated', translation: '  ' })).rejects.toMatchObject({ code: 'invalid-input' })
  })

  it('replaces the original of a whole quote: unchanged sentences kept, changed ones stale, none re-aligned silently', async () => {
    const created = await call('quotes.create', { sourceId: 'berman-2010-acupuncture', locator: '1', original: 'One is kept. Two will change. Three goes. Four stays.', translation: 'Een blijft. Twee verandert. Drie gaat. Vier blijft.' })
    const replaced = await call('quotes.setOriginal', { quoteId: created.id, baseVersion: created.version, original: 'One is kept. Two has changed. Four stays. Five is new.' })
    expect(replaced.segments.map((s: any) => [s.original, s.translation, s.stale])).toEqual([
      ['One is kept.', 'Een blijft.', false],
      ['Two has changed.', 'Twee verandert. Drie gaat.', true],
      ['Four stays.', 'Vier blijft.', false],
      ['Five is new.', '', false],
    ])
    expect(replaced.segments[0].id).toBe(created.segments[0].id)
  })

  it('splits and merges segments, and restores them as they were (undo)', async () => {
    const created = await call('quotes.create', { sourceId: 'berman-2010-acupuncture', locator: '1', original: 'Acupuncture helps, and it is safe. Needles hurt.', translation: 'Acupunctuur helpt, en het is veilig. Naalden doen pijn.' })
    const [a, b] = created.segments
    const split = await call('segments.split', { quoteId: created.id, baseVersion: created.version, segmentId: a.id, at: 'Acupuncture helps,'.length, translationAt: 'Acupunctuur helpt,'.length })
    expect(split.segments.map((s: any) => [s.original, s.translation, s.status])).toEqual([
      ['Acupuncture helps,', 'Acupunctuur helpt,', 'draft'],
      ['and it is safe.', 'en het is veilig.', 'draft'],
      ['Needles hurt.', 'Naalden doen pijn.', 'draft'],
    ])
    const merged = await call('segments.merge', { quoteId: created.id, baseVersion: split.version, segmentId: split.segments[1].id })
    expect(merged.segments.map((s: any) => s.original)).toEqual(['Acupuncture helps,', 'and it is safe. Needles hurt.'])
    expect(kinds(merged.findings)).toEqual([])
    // Undo the merge, then the split: the quote is as it was, ids and all.
    const unmerged = await call('segments.restore', { quoteId: created.id, baseVersion: merged.version, replace: [merged.segments[1].id], segments: split.segments.slice(1).map(snapshot) })
    const restored = await call('segments.restore', { quoteId: created.id, baseVersion: unmerged.version, replace: [unmerged.segments[0].id, unmerged.segments[1].id], segments: [snapshot(a)] })
    expect(restored.segments.map((s: any) => [s.id, s.original, s.translation, s.status])).toEqual([a, b].map((s: any) => [s.id, s.original, s.translation, s.status]))
    await expect(call('segments.merge', { quoteId: created.id, baseVersion: restored.version, segmentId: b.id })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(call('segments.split', { quoteId: created.id, baseVersion: restored.version, segmentId: b.id, at: 200 })).rejects.toMatchObject({ code: 'invalid-input' })
  })
})

const snapshot = (s: any) => ({ id: s.id, paragraphStart: s.paragraphStart, original: s.original, translation: s.translation, status: s.status, translatedHash: s.translatedHash })

describe('quotes in articles', () => {
  it('finds quotes by words of either side, lists an article’s own and used quotes, and knows where each is used', async () => {
    const other = await call('quotes.create', { articleId: null, sourceId: null, original: 'Sham acupuncture works as well.', translation: 'Nep-acupunctuur werkt even goed.' })
    expect((await call('quotes.search', { query: 'nep-acupunctuur' })).items.map((q: any) => q.id)).toEqual([other.id])
    expect((await call('quotes.search', { query: '' })).total).toBe(5)
    withBlock(other.id, null)
    const listed = await call('quotes.forArticle', { articleId: demoArticleId })
    expect(listed.map((q: any) => q.id)).toEqual([demoQuotes.conclusion, demoQuotes.assessment, demoQuotes.guidelines, demoQuotes.mechanisms, other.id])
    expect(listed.at(-1)).toMatchObject({ usedIn: 1, findings: { errors: 1 } })
    expect((await call('quotes.get', { id: other.id })).usedIn).toEqual([{ id: demoArticleId, title: expect.stringContaining('Hoogste') }])
    await expect(call('quotes.delete', { id: other.id })).rejects.toMatchObject({ code: 'conflict' })
    expect((await call('sources.whereUsed', { id: 'berman-2010-acupuncture' })).quotes).toHaveLength(4)
    await expect(call('sources.delete', { id: 'berman-2010-acupuncture' })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('names blocks of quotes the archive lacks, and refuses a block without a quote id', async () => {
    const missing = '11111111-2222-4333-8444-555555555555'
    expect(await call('quotes.blocks', { ids: [missing] })).toEqual([expect.objectContaining({ id: missing, exists: false })])
    const qa = await call('quotes.qa', { articleId: demoArticleId, usedIds: [missing] })
    expect(qa.missing).toEqual([expect.objectContaining({ kind: 'quote-missing', quoteId: missing, severity: 'error' })])
    const article = kopij.archive.articles.get(demoArticleId)
    const doc = { ...article.doc, content: [...(article.doc as { content: unknown[] }).content, { type: 'bilingualQuote', attrs: { quote: 'x" onload="y', layout: 'beside' } }] }
    expect(() => kopij.archive.articles.save({ ...article, doc: doc as never, baseRevisionId: article.revisionId })).toThrow(/does not name a quote/)
  })

  it('publishes a block as translation and original with lang, cite and <cite>, its citation numbered and linked; nothing sanitized away', async () => {
    const quote = await call('quotes.get', { id: demoQuotes.conclusion })
    await call('segments.setStatus', { quoteId: quote.id, segmentId: quote.segments[0].id, status: 'translated', translation: 'Wij raden een kuur van 10 tot 12 behandelingen in 8 weken aan.' })
    withBlock(quote.id)
    const preview = await call('publishing.preview', { articleId: demoArticleId })
    expect(preview.removed).toEqual([])
    expect(preview.html).toContain(
      '<figure class="kopij-quote kopij-quote-under"><blockquote class="kopij-quote-translation" lang="nl" cite="https://doi.org/10.1056/NEJMcp0909344"><p>Wij raden een kuur van 10 tot 12 behandelingen in 8 weken aan.</p></blockquote>' +
        '<blockquote class="kopij-quote-original" lang="en" cite="https://doi.org/10.1056/NEJMcp0909344"><p>....we would suggest a course of 10 to 12 treatments',
    )
    // The block's citation comes first in the text: it is number 1, the source line's citation too (the same source).
    expect(preview.html).toContain('<figcaption><cite>Acupuncture for Chronic Low Back Pain</cite> <span class="citation">(<a href="#bron-1">1, p. 459</a>)</span></figcaption></figure>')
    expect(preview.html).not.toContain('data-quote')
  })
})
