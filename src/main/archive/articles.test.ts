import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArticleFields } from '../../shared/articles'
import { ApiError } from '../../shared/errors'
import { Archive } from './index'

let dir: string
let archive: Archive
let clock = Date.parse('2026-01-01T10:00:00Z')

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-articles-'))
  archive = Archive.open(path.join(dir, 'a.sqlite'), { now: () => new Date((clock += 1000)) })
})
afterEach(() => {
  archive.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const paragraph = (text: string, lang?: 'en' | 'nl') => ({ type: 'paragraph', ...(lang ? { attrs: { lang } } : {}), content: [{ type: 'text', text }] })
const doc = (...texts: string[]) => ({ type: 'doc' as const, content: texts.map((t) => paragraph(t)) })

function fields(patch: Partial<ArticleFields> = {}): ArticleFields {
  return { title: 'Acupunctuur', slug: '', language: 'nl', status: 'draft', categoryPath: [], tags: [], excerpt: '', doc: doc('Tekst'), ...patch }
}

function saveText(id: string, text: string, patch: Partial<ArticleFields> = {}) {
  const current = archive.articles.get(id)
  const { id: _id, wordCount: _w, revisionId, createdAt: _c, updatedAt: _u, ...rest } = current
  return archive.articles.save({ ...rest, doc: doc(text), ...patch, id, baseRevisionId: revisionId })
}

const integrity = () => {
  expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok')
  archive.db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run()
}

describe('articles and revisions', () => {
  it('creates a draft with a first revision and a slug from the title', () => {
    const article = archive.articles.create({ title: 'Ideeën over lage rugpijn', language: 'nl' })
    expect(article).toMatchObject({ status: 'draft', slug: 'ideeen-over-lage-rugpijn', language: 'nl' })
    expect(archive.articles.revisions(article.id)).toHaveLength(1)
    const second = archive.articles.create({ title: 'Ideeën over lage rugpijn', language: 'nl' })
    expect(second.slug).toBe('ideeen-over-lage-rugpijn-2')
  })

  it('commits the article row, a revision and the search index in every save', () => {
    const article = archive.articles.insert(fields())
    const { article: saved } = saveText(article.id, 'Naalden in de onderrug')
    expect(saved.revisionId).toBeGreaterThan(article.revisionId)
    expect(saved.wordCount).toBe(5)
    expect(archive.articles.revision(saved.revisionId).fields.doc).toEqual(doc('Naalden in de onderrug'))
    expect(archive.articles.find({ query: 'onderrug', status: 'all', limit: 10, offset: 0 }).items.map((a) => a.id)).toEqual([article.id])
    expect(archive.articles.find({ query: 'Tekst', status: 'all', limit: 10, offset: 0 }).total).toBe(0)
    integrity()
  })

  it('refuses a save based on an old revision as a conflict, keeping the newer text', () => {
    const article = archive.articles.insert(fields())
    saveText(article.id, 'Eerste versie')
    const stale = () => archive.articles.save({ ...fields({ doc: doc('Oud') }), id: article.id, baseRevisionId: article.revisionId })
    expect(stale).toThrowError(expect.objectContaining({ code: 'conflict' }))
    expect(archive.articles.get(article.id).doc).toEqual(doc('Eerste versie'))
  })

  it('does not add a revision when nothing changed', () => {
    const article = archive.articles.insert(fields())
    const { article: same } = saveText(article.id, 'Tekst')
    expect(same.revisionId).toBe(article.revisionId)
    expect(archive.articles.revisions(article.id)).toHaveLength(1)
  })

  it('keeps the text when the new slug is taken, and says so', () => {
    archive.articles.insert(fields({ title: 'Eerste', slug: 'bezet' }))
    const other = archive.articles.insert(fields({ title: 'Tweede', slug: 'vrij' }))
    const result = saveText(other.id, 'Nieuwe tekst', { slug: 'bezet' })
    expect(result.warnings).toEqual(['slug-taken'])
    expect(result.article.slug).toBe('vrij')
    expect(result.article.doc).toEqual(doc('Nieuwe tekst'))
  })

  it('restores an old revision as a new revision, leaving history intact', () => {
    const article = archive.articles.insert(fields())
    const first = saveText(article.id, 'Versie een').article
    saveText(article.id, 'Versie twee')
    const restored = archive.articles.restore(article.id, first.revisionId)
    expect(restored.doc).toEqual(doc('Versie een'))
    const history = archive.articles.revisions(article.id)
    expect(history[0]).toMatchObject({ id: restored.revisionId, reason: 'restored', restoredFrom: first.revisionId })
    expect(history).toHaveLength(4)
    expect(archive.articles.find({ query: 'twee', status: 'all', limit: 5, offset: 0 }).total).toBe(0)
    expect(() => archive.articles.restore(archive.articles.insert(fields()).id, first.revisionId)).toThrowError(/another article/)
  })

  it('refuses documents the schema does not allow, and unsafe links', () => {
    const article = archive.articles.insert(fields())
    const bad = (docJson: unknown) => () =>
      archive.articles.save({ ...fields({ doc: docJson as never }), id: article.id, baseRevisionId: article.revisionId })
    expect(bad({ type: 'doc', content: [{ type: 'script', content: [] }] })).toThrowError(ApiError)
    expect(bad({ type: 'doc', content: [{ type: 'text', text: 'loose text' }] })).toThrowError(ApiError)
    const link = (href: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] }] })
    expect(bad(link('javascript:alert(1)'))).toThrowError(/scheme/)
    expect(bad(link('data:text/html,x'))).toThrowError(/scheme/)
    expect(() => archive.articles.save({ ...fields({ doc: link('https://doi.org/10.1056/NEJMcp0909344') as never }), id: article.id, baseRevisionId: article.revisionId })).not.toThrow()
  })
})

describe('finding articles', () => {
  beforeEach(() => {
    archive.articles.insert(fields({ title: 'Acupunctuur bij lage rugpijn', status: 'published', doc: doc('Duidelijke ideeën over de werking van naalden.') }))
    archive.articles.insert(fields({ title: 'Homeopathie', status: 'draft', doc: doc('Verdunning en de placebo-werking.') }))
    archive.articles.insert(fields({ title: 'Kruiden', status: 'ready', doc: doc('Sint-janskruid en acupunctuur samen?') }))
  })

  it('lists newest first with counts per status', () => {
    const all = archive.articles.find({ query: '', status: 'all', limit: 10, offset: 0 })
    expect(all.items.map((a) => a.title)).toEqual(['Kruiden', 'Homeopathie', 'Acupunctuur bij lage rugpijn'])
    expect(all.counts).toMatchObject({ all: 3, draft: 1, ready: 1, published: 1, scheduled: 0, archived: 0 })
    const drafts = archive.articles.find({ query: '', status: 'draft', limit: 10, offset: 0 })
    expect(drafts.items.map((a) => a.title)).toEqual(['Homeopathie'])
    expect(drafts.total).toBe(1)
  })

  it('ranks title matches first and marks the matching words', () => {
    const result = archive.articles.find({ query: 'acupunctuur', status: 'all', limit: 10, offset: 0 })
    expect(result.items.map((a) => a.title)).toEqual(['Acupunctuur bij lage rugpijn', 'Kruiden'])
    expect(result.items[0]!.titleHighlight).toEqual([
      { text: 'Acupunctuur', match: true },
      { text: ' bij lage rugpijn', match: false },
    ])
    expect(result.items[1]!.snippet!.filter((r) => r.match).map((r) => r.text)).toEqual(['acupunctuur'])
    expect(result.counts).toMatchObject({ all: 2, published: 1, ready: 1, draft: 0 })
  })

  it('ignores diacritics and matches prefixes', () => {
    expect(archive.articles.find({ query: 'ideeen', status: 'all', limit: 10, offset: 0 }).total).toBe(1)
    expect(archive.articles.find({ query: 'Ideeën', status: 'all', limit: 10, offset: 0 }).total).toBe(1)
    expect(archive.articles.find({ query: 'homeop', status: 'all', limit: 10, offset: 0 }).total).toBe(1)
    expect(archive.articles.find({ query: 'acupunctuur', status: 'draft', limit: 10, offset: 0 }).total).toBe(0)
  })

  it('never raises a syntax error for whatever the editor types', () => {
    const hostile = ['"', '""', 'a"b', '*', '**a', 'AND', 'OR NOT', 'NEAR(', 'NEAR(a b', '(((', ')', 'a:b', 'title:x', '^x', '-', '+', '{a b}', "'", '\\', '\u0000', 'é́́́', '🙂', 'x'.repeat(5000)]
    // Each also next to a long prefix the index completes, and within one status (the other two expression shapes).
    const shapes = hostile.flatMap((q) => [q, `${q} acupunct`, `acupunct ${q} homeop`, `"${q} ideeën" werki`])
    for (const query of shapes)
      for (const status of ['all', 'draft'] as const)
        expect(() => archive.articles.find({ query, status, limit: 10, offset: 0 }), query).not.toThrow()
    expect(archive.articles.find({ query: 'acupunctuur AND', status: 'all', limit: 10, offset: 0 }).total).toBe(0)
    expect(archive.articles.find({ query: '(acupunctuur', status: 'all', limit: 10, offset: 0 }).total).toBe(2)
  })
})

describe('searching a large archive in bounded time', () => {
  it('completes a long prefix from the index, across diacritics, and falls back when it stands for too many words', () => {
    archive.articles.insert(fields({ title: 'Thee', doc: doc('Kruidenthee voor patiënten.') }))
    archive.articles.insert(fields({ title: 'Mengsel', doc: doc('Een kruidenmengsel.') }))
    archive.articles.insert(fields({ title: 'Anders', doc: doc('Kruiden zonder meer.') }))
    expect(archive.articles.find({ query: 'kruidenm', status: 'all', limit: 10, offset: 0 }).items.map((a) => a.title)).toEqual(['Mengsel'])
    expect(archive.articles.find({ query: 'kruide', status: 'all', limit: 10, offset: 0 }).total).toBe(3)
    expect(archive.articles.find({ query: 'patiën', status: 'all', limit: 10, offset: 0 }).items.map((a) => a.title)).toEqual(['Thee'])
    expect(archive.articles.find({ query: 'een kruidenm', status: 'all', limit: 10, offset: 0 }).items.map((a) => a.title)).toEqual(['Mengsel'])
    expect(archive.articles.find({ query: '"voor patiënten" kruident', status: 'all', limit: 10, offset: 0 }).items.map((a) => a.title)).toEqual(['Thee'])
    // 70 different words behind one prefix: more than the completion list takes, so the prefix itself is searched.
    archive.transaction(() => {
      for (let i = 0; i < 70; i++) archive.articles.insert(fields({ title: `Woord ${i}`, doc: doc(`zeldzaam${String.fromCharCode(97 + (i % 26))}${i}`) }))
    })
    expect(archive.articles.find({ query: 'zeldz', status: 'all', limit: 100, offset: 0 }).total).toBe(70)
  })

  it('shows the newest matches, title matches first, when a word is in more articles than it ranks', () => {
    archive.transaction(() => {
      archive.articles.insert(fields({ title: 'Oud, met gemeengoed in de titel', doc: doc('Tekst.') }))
      for (let i = 0; i < 2000; i++) archive.articles.insert(fields({ title: `Stuk ${i}`, doc: doc(`Dit is gemeengoed, stuk ${i}.`) }))
      archive.articles.insert(fields({ title: 'Nieuw, met gemeengoed in de titel', doc: doc('Tekst.') }))
    })
    const result = archive.articles.find({ query: 'gemeengoed ', status: 'all', limit: 3, offset: 0 })
    expect(result.items.map((a) => a.title)).toEqual(['Nieuw, met gemeengoed in de titel', 'Stuk 1999', 'Stuk 1998'])
    expect(result).toMatchObject({ total: 1000, totalIsLowerBound: true, counts: {} })
    expect(result.items[1]!.snippet!.some((r) => r.match && r.text === 'gemeengoed')).toBe(true)
    const drafts = archive.articles.find({ query: 'gemeengoed', status: 'draft', limit: 1, offset: 0 })
    expect(drafts.totalIsLowerBound).toBe(true)
  })
})
