import { describe, expect, it } from 'vitest'
import { countWords, documentText, documentToHtml, parseDocument } from './index'

const doc = (...content: unknown[]) => ({ type: 'doc' as const, content })
const p = (text: string, marks?: unknown[], attrs?: unknown) => ({ type: 'paragraph', ...(attrs ? { attrs } : {}), content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] })

describe('the document model', () => {
  it('renders HTML from the model, escaping text and attributes', () => {
    const html = documentToHtml(doc(p('<script>alert("x")</script> & co'), p('link', [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b="2"' } }])))
    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p><p><a rel="noopener noreferrer" href="https://example.org/?a=1&amp;b=&quot;2&quot;">link</a></p>')
  })

  it('marks quoted English with lang and keeps only known languages', () => {
    const quote = { type: 'blockquote', attrs: { lang: 'en' }, content: [p('Acupuncture has been shown…')] }
    expect(documentToHtml(doc(quote))).toBe('<blockquote lang="en"><p>Acupuncture has been shown…</p></blockquote>')
    const foreign = { type: 'blockquote', attrs: { lang: 'xx" onload="alert(1)' }, content: [p('x')] }
    expect(documentToHtml(doc(foreign))).toBe('<blockquote><p>x</p></blockquote>')
  })

  it('nests marks and renders lists, headings and breaks', () => {
    const html = documentToHtml(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Kop' }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p('een')] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'vet', marks: [{ type: 'bold' }, { type: 'italic' }] }, { type: 'hardBreak' }, { type: 'text', text: 'x' }] },
      ),
    )
    expect(html).toBe('<h2>Kop</h2><ol start="3"><li><p>een</p></li></ol><p><strong><em>vet</em></strong><br>x</p>')
  })

  it('refuses unknown nodes, invalid nesting and unsafe links', () => {
    expect(() => parseDocument(doc({ type: 'iframe' }))).toThrow(/schema/)
    expect(() => parseDocument(doc({ type: 'text', text: 'x' }))).toThrow(/schema/)
    expect(() => parseDocument(doc(p('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])))).toThrow(/scheme/)
    expect(() => parseDocument(doc(p('x', [{ type: 'link', attrs: { href: 'mailto:redactie@example.org' } }])))).not.toThrow()
  })

  it('reads plain text with blocks on their own lines, and counts words as an editor does', () => {
    const text = documentText(doc(p('Eerste alinea.'), { type: 'blockquote', content: [p('Quoted text')] }))
    expect(text).toBe('Eerste alinea.\nQuoted text')
    expect(countWords("De patiënt's nep-acupunctuur, 10 tot 12 behandelingen — 8 weken.")).toBe(9)
    expect(countWords('')).toBe(0)
  })
})
