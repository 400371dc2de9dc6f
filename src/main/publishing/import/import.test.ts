import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startKopij, type Kopij } from '../../kopij'
import { MemoryCredentialStore } from '../credentials'
import { call, tempDir } from '../testing/fixtures'
import { expectedCounts, writeWxr } from '../testing/wxr'
import { commentText, htmlToDoc } from './html-to-doc'

let dir: string
let kopij: Kopij
beforeEach(() => {
  dir = tempDir('kopij-import-')
  kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', demo: false, credentials: new MemoryCredentialStore() })
})
afterEach(() => {
  kopij.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const importWxr = async (file: string) => {
  const started = await call(kopij, 'import.start', { kind: 'wxr', path: file })
  return kopij.publishing.imports.whenDone(started.id)
}

describe('HTML from a site into the document model', () => {
  it('keeps headings, paragraphs, quotes with their language, lists, links and marks; drops what is not prose', () => {
    const doc = htmlToDoc('<h1>Titel</h1><p>Een <b>vette</b> en <i>schuine</i> <a href="https://x.nl" onclick="x()">link</a><script>alert(1)</script></p><blockquote lang="en-GB">Quote</blockquote><ul><li>een<ul><li>diep</li></ul></li></ul><div>los <img src=x onerror=alert(1)> tekst</div><a href="javascript:alert(1)">geen link</a>')
    expect(doc.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titel' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Een ' },
          { type: 'text', text: 'vette', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' en ' },
          { type: 'text', text: 'schuine', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://x.nl' } }] },
        ],
      },
      { type: 'blockquote', attrs: { lang: 'en' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quote' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'een' }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'diep' }] }] }] }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'los tekst' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'geen link' }] },
    ])
  })

  it('reads WordPress blank-line paragraphs, and comments as plain text', () => {
    expect(htmlToDoc('Eerste regel\nmet een breuk.\n\nTweede alinea.').content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Eerste regel' }, { type: 'hardBreak' }, { type: 'text', text: 'met een breuk.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Tweede alinea.' }] },
    ])
    expect(commentText('<p>Hallo &amp; <a href="x">welkom</a><br>tweede regel</p><p>Nieuw&#8230;</p><script>x</script>')).toBe('Hallo & welkom\ntweede regel\n\nNieuw…')
  })
})

describe('importing a WXR export', () => {
  it('brings posts, category paths, tags and threaded comments in with their ids; importing again adds nothing', async () => {
    const file = path.join(dir, 'export.xml')
    const shape = { posts: 30, commentsPerPost: 6 }
    writeWxr(file, shape)
    const done = await importWxr(file)
    expect(done).toMatchObject({ state: 'done', error: null, ...expectedCounts(shape), totalPosts: 32 })
    const site = (await call(kopij, 'sites.list', {}))[0]!
    expect(site).toMatchObject({ name: 'Alternatieve geneeswijzen', kind: 'wordpress', baseUrl: 'https://site.example', hasSecret: false })
    const article = kopij.archive.articles.resolve('artikel-7')
    expect(article).toMatchObject({ title: 'Artikel 7 & meer', status: 'published', categoryPath: ['Meest gebruikte behandelwijzen', 'Acupunctuur'], tags: ['rugpijn'], excerpt: 'Samenvatting 7' })
    expect(kopij.archive.articles.resolve('artikel-19').status).toBe('draft')
    expect(kopij.publishing.service.outbox.remote(site.id, article.id)).toMatchObject({ remoteId: '107', remoteModified: '2024-02-02T08:00:00' })
    const comments = kopij.archive.library.commentsOf(article.id)
    expect(comments.map((c) => c.status)).toEqual(['approved', 'approved', 'approved', 'pending', 'approved'])
    expect(comments.find((c) => c.text.startsWith('Reactie 46'))!.parentId).toBe(comments.find((c) => c.text.startsWith('Reactie 44'))!.id)
    expect(comments[0]!.text).toMatch(/^Reactie 43 op "artikel": .+\n\nTweede alinea\.$/)

    const again = await importWxr(file)
    expect(again).toMatchObject({ state: 'done', posts: 0, comments: 0, skipped: 32 })
  })

  it('says clearly what is wrong with a malformed, cut-off or foreign file, and imports nothing from it', async () => {
    const cut = path.join(dir, 'cut.xml')
    writeWxr(cut, { posts: 5, commentsPerPost: 1 })
    fs.writeFileSync(cut, fs.readFileSync(cut, 'utf8').slice(0, 3000))
    const broken = path.join(dir, 'broken.xml')
    fs.writeFileSync(broken, '<?xml version="1.0"?><rss><channel><item><title>x</title></itm></channel></rss>')
    const foreign = path.join(dir, 'foreign.xml')
    fs.writeFileSync(foreign, '<?xml version="1.0"?><rss><channel><title>Nieuws</title></channel></rss>')
    const html = path.join(dir, 'page.xml')
    fs.writeFileSync(html, '<!doctype html><html><body><p>Niet een export</body></html>')
    expect((await importWxr(cut)).error).toMatch(/cut.xml ends before the export does/)
    expect((await importWxr(broken)).error).toMatch(/broken.xml is not a well-formed WordPress export/)
    expect((await importWxr(foreign)).error).toMatch(/not a WordPress export \(it has no wp:wxr_version\)/)
    expect((await importWxr(html)).error).toMatch(/page.xml is not a well-formed WordPress export/)
    expect((await importWxr(path.join(dir, 'missing.xml'))).error).toMatch(/there is no such file/)
    expect(kopij.archive.isEmpty).toBe(true)
  })

  it('cancels between chunks and resumes where it stopped, without doubles', async () => {
    const file = path.join(dir, 'export.xml')
    const shape = { posts: 400, commentsPerPost: 3, paragraphs: 6 }
    writeWxr(file, shape)
    const started = await call(kopij, 'import.start', { kind: 'wxr', path: file })
    const progress: number[] = []
    await new Promise<void>((resolve) => {
      const stop = kopij.events.subscribe((name, payload) => {
        if (name !== 'import.progress') return
        progress.push((payload as { posts: number }).posts)
        if ((payload as { posts: number }).posts > 0) {
          stop()
          void call(kopij, 'import.cancel', { id: started.id }).then(() => resolve())
        }
      })
    })
    const cancelled = await kopij.publishing.imports.whenDone(started.id)
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.posts).toBeGreaterThan(0)
    expect(cancelled.posts).toBeLessThan(shape.posts)
    await call(kopij, 'import.resume', { id: started.id })
    const done = await kopij.publishing.imports.whenDone(started.id)
    expect(done).toMatchObject({ state: 'done', ...expectedCounts(shape) })
    const articles = (kopij.archive.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
    expect(articles).toBe(shape.posts)
    expect((await call(kopij, 'import.list', {}))[0]).toMatchObject({ id: started.id, state: 'done' })
  })
})
