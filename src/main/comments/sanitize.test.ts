import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { htmlToRaw, rawToHtml, textToHtml } from '../../shared/comment-html'
import { cleanHtml, cleanPlain, htmlToText } from './sanitize'

const corpus = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../e2e/corpus/comments/corpus.json'), 'utf8')) as { name: string; html: string }[]

/** What must never survive: anything that runs, loads, styles, submits or redirects. */
const dangerous = [
  /<script/i, /<style/i, /<iframe/i, /<object/i, /<embed/i, /<svg/i, /<math/i, /<img/i, /<picture/i, /<source/i, /<video/i, /<audio/i,
  /<form/i, /<input/i, /<button/i, /<base/i, /<meta/i, /<link/i, /<template/i, /<noscript/i, /<details/i,
  /\son[a-z]+\s*=/i, /javascript:/i, /vbscript:/i, /data:/i, /file:/i, /\sstyle=/i, /srcset/i, /\ssrc=/i, /target=/i, /\sid=/i, /\sname=/i,
  /\u202e/, /\u202d/,
]

describe('comment HTML on the way in', () => {
  it.each(corpus)('leaves nothing dangerous of $name', ({ html }) => {
    const clean = cleanHtml(html)
    for (const pattern of dangerous) expect(clean.html, `${pattern}`).not.toMatch(pattern)
    // Every link that is left is an absolute web address, marked as the readers' and not followed.
    for (const m of clean.html.matchAll(/<a\b[^>]*>/g)) {
      expect(m[0]).toMatch(/href="https?:\/\//)
      expect(m[0]).toContain('rel="nofollow ugc noopener"')
    }
    expect(clean.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
  })

  it('keeps what readers write: paragraphs, emphasis, quotes, lists and web links', () => {
    const clean = cleanHtml('<p>Zie <a href="https://www.nejm.org/doi/10.1056/NEJMcp0909535" title="NEJM">de studie</a>, <em>echt</em> <strong>lezen</strong>.</p><blockquote cite="https://example.org/">Citaat</blockquote><ul><li>een</li></ul>')
    expect(clean.html).toBe(
      '<p>Zie <a href="https://www.nejm.org/doi/10.1056/NEJMcp0909535" title="NEJM" rel="nofollow ugc noopener">de studie</a>, <em>echt</em> <strong>lezen</strong>.</p><blockquote cite="https://example.org/">Citaat</blockquote><ul><li>een</li></ul>',
    )
    expect(clean.text).toBe('Zie de studie, echt lezen.\n\nCitaat\n\neen')
  })

  it('keeps the words of removed markup as text, and escaped code stays text', () => {
    expect(cleanHtml('<font color="red">rood</font> en <span class="x">span</span>').html).toBe('rood en span')
    const escaped = cleanHtml(corpus.find((c) => c.name === 'html-entities')!.html)
    expect(escaped.text).toBe("<script>window.__pwned='escaped'</script> is tekst, geen code & blijft tekst")
    expect(escaped.html).toContain('&lt;script&gt;')
  })

  it('shows a disguised link for what it is: the address stays in href, the words in the text', () => {
    const clean = cleanHtml(corpus.find((c) => c.name === 'link-disguise')!.html)
    expect(clean.html).toContain('href="https://evil.example/nejm"')
  })

  it('takes plain text (the export API) as text: every character escaped, paragraphs kept', () => {
    const clean = cleanPlain('Eerste <b>regel</b>\nzelfde alinea\n\nTweede & laatste\u202e')
    expect(clean.html).toBe('<p>Eerste &lt;b&gt;regel&lt;/b&gt;<br>zelfde alinea</p><p>Tweede &amp; laatste</p>')
    expect(clean.text).toBe('Eerste <b>regel</b>\nzelfde alinea\n\nTweede & laatste')
  })

  it('turns what an editor types into paragraphs and back, as wpautop does', () => {
    const html = cleanHtml(rawToHtml('Dank je, <em>David</em>.\nTweede regel.\n\nNieuwe alinea met <a href="https://example.org/">bron</a>.')).html
    expect(html).toBe('<p>Dank je, <em>David</em>.<br>\nTweede regel.</p>\n<p>Nieuwe alinea met <a href="https://example.org/" rel="nofollow ugc noopener">bron</a>.</p>')
    expect(htmlToRaw(html)).toBe('Dank je, <em>David</em>.\nTweede regel.\n\nNieuwe alinea met <a href="https://example.org/" rel="nofollow ugc noopener">bron</a>.')
    expect(htmlToText(html)).toBe('Dank je, David.\nTweede regel.\n\nNieuwe alinea met bron.')
    expect(textToHtml('a\r\n\r\nb')).toBe('<p>a</p><p>b</p>')
  })
})
