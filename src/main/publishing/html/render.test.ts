import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import seed from '../../../../resources/demo/seed-article.json'
import type { Article } from '../../../shared/articles'
import { startKopij } from '../../kopij'
import { MemoryCredentialStore } from '../credentials'
import { call, tempDir } from '../testing/fixtures'
import { previewPage, publishedHtml, sanitizeHtml } from './render'

describe('published HTML', () => {
  it('drops scripts, handlers, styles, editor state and unsafe links, and says what it dropped', () => {
    const { html, removed } = sanitizeHtml(
      '<p class="ProseMirror-selectednode citation" data-node-id="7" contenteditable="true" draggable="true" style="color:red" onclick="x()">Tekst<script>alert(1)</script>' +
        '<a href="javascript:alert(1)">a</a><a href="https://pubmed.ncbi.nlm.nih.gov/1/" target="_blank">b</a><a href="#bron-1">c</a></p><iframe src="https://x"></iframe><img src=x onerror=alert(1)>',
    )
    expect(html).toBe('<p class="citation">Tekst<a>a</a><a href="https://pubmed.ncbi.nlm.nih.gov/1/">b</a><a href="#bron-1">c</a></p>')
    expect(removed.sort()).toEqual(
      ['<script>', '<iframe>', '<img>', 'onclick on <p>', 'style on <p>', 'contenteditable on <p>', 'draggable on <p>', 'data-node-id on <p>', 'href on <a>', 'target on <a>', 'class "ProseMirror-selectednode"'].sort(),
    )
  })

  it('keeps what the document model renders: languages, lists, headings, marks', () => {
    const input = '<h2 lang="en">Kop</h2><ol start="3"><li><p><strong>a</strong> <em>b</em> <s>c</s> <code>d</code></p></li></ol><blockquote lang="en"><p>Quote</p></blockquote><section class="bibliography"><ol><li id="bron-1">Bron</li></ol></section>'
    expect(sanitizeHtml(input)).toEqual({ html: input, removed: [] })
  })

  it('publishes the demo article (citations linked, bibliography) unchanged by sanitizing, previewed in a page without scripts', async () => {
    const dir = tempDir('kopij-preview-')
    const kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', credentials: new MemoryCredentialStore() })
    try {
      const preview = await call(kopij, 'publishing.preview', { articleId: seed.article.id })
      expect(preview.removed).toEqual([])
      expect(preview.html).toContain('<blockquote lang="en">')
      expect(preview.html).toContain('<span class="citation">(<a href="#bron-1">1</a>)</span>')
      expect(preview.html).toContain('<section class="bibliography"><h2>Bronnen</h2><ol><li id="bron-1">Berman BM')
      expect(preview.html).not.toContain('data-citation')
      expect(preview.page).toContain('<html lang="nl">')
      expect(preview.page).toContain("default-src 'none'")
      expect(preview.page).toContain('<h1>Hoogste medische arbiter: acupunctuur bij lage rugpijn!</h1>')
    } finally {
      kopij.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("without the citations renderer, the editor's citation markup does not get through", () => {
    const article = { ...seed.article, wordCount: 0, revisionId: 1, createdAt: '', updatedAt: '' } as unknown as Article
    const published = publishedHtml(article)
    expect(published.html).not.toContain('data-citation')
    expect(previewPage(article, published.html)).toContain('<title>Hoogste medische arbiter')
  })
})
