import { describe, expect, it } from 'vitest'
import { alignBlocks, blocksOf, displayHtml } from './display-html'

const labels = { image: (alt: string) => `[Afbeelding: ${alt}]`, embed: (kind: string) => `[Ingesloten: ${kind}]` }
const shown = (html: string) => {
  const div = document.createElement('div')
  div.innerHTML = displayHtml(html, labels)
  return div
}

describe('displayHtml', () => {
  it('keeps the text and its structure', () => {
    const div = shown('<h2>Kop</h2><p>Een <strong>vette</strong> <a href="https://example.org/x">link</a>.</p><blockquote lang="en"><p>Quote</p></blockquote>')
    expect(div.querySelector('h2')?.textContent).toBe('Kop')
    expect(div.querySelector('strong')?.textContent).toBe('vette')
    expect(div.querySelector('a')?.getAttribute('href')).toBe('https://example.org/x')
    expect(div.querySelector('blockquote')?.getAttribute('lang')).toBe('en')
  })

  it('loads nothing from elsewhere: images become named placeholders, embeds go, styles and scripts go', () => {
    const div = shown(
      '<p>Voor <img src="https://tracker.example/p.gif" alt="Verdunningsreeks" onerror="alert(1)"> na</p>' +
        '<picture><source srcset="https://x/a.webp"><img src="https://x/a.png" alt="Grafiek"></picture>' +
        '<iframe src="https://www.youtube.com/embed/x"></iframe><video poster="https://x/p.jpg"></video>' +
        '<style>body{display:none}</style><script>alert(1)</script><p style="color:red" onclick="alert(1)">Tekst</p>' +
        '<form action="https://x"><input name="q"></form><svg><image href="https://x/i.png"/></svg>',
    )
    expect(div.querySelector('img, picture, source, iframe, video, style, script, form, input, svg, image')).toBeNull()
    expect(div.innerHTML).not.toMatch(/https:\/\/(tracker|x\/|www\.youtube)/)
    expect(div.innerHTML).not.toMatch(/onerror|onclick|style=/)
    const placeholders = [...div.querySelectorAll('.media-placeholder')].map((p) => p.textContent)
    expect(placeholders).toEqual(['[Afbeelding: Verdunningsreeks]', '[Afbeelding: Grafiek]', '[Ingesloten: iframe]', '[Ingesloten: video]', '[Ingesloten: svg]'])
    expect(div.textContent).toContain('Voor [Afbeelding: Verdunningsreeks] na')
    expect(div.textContent).toContain('Tekst')
  })

  it('keeps a javascript: link from working', () => {
    const div = shown('<p><a href="javascript:alert(1)">klik</a></p>')
    expect(div.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/javascript/i)
  })
})

describe('blocksOf and alignBlocks', () => {
  it('line up equal paragraphs and pair a changed one, leaving out empty leftovers', () => {
    const mine = blocksOf('<p>Een</p><p>Twee</p><h2>Drie</h2><p>Vier</p>')
    const theirs = blocksOf('<p>Een</p><p>Twee, herschreven</p><p>Nieuw op de site</p><p></p><p>Vier</p>')
    expect(theirs.map((b) => b.text)).toEqual(['Een', 'Twee, herschreven', 'Nieuw op de site', 'Vier'])
    const rows = alignBlocks(mine, theirs)
    expect(rows.map((r) => [r.mine?.text ?? null, r.theirs?.text ?? null, r.same])).toEqual([
      ['Een', 'Een', true],
      ['Twee', 'Twee, herschreven', false],
      ['Drie', 'Nieuw op de site', false],
      ['Vier', 'Vier', true],
    ])
  })

  it('shows a removed and an added block on rows of their own', () => {
    const rows = alignBlocks(blocksOf('<p>A</p><p>Weg</p><p>B</p>'), blocksOf('<p>A</p><p>B</p><p>Erbij</p>'))
    expect(rows.map((r) => [r.mine?.text ?? null, r.theirs?.text ?? null])).toEqual([
      ['A', 'A'],
      ['Weg', null],
      ['B', 'B'],
      [null, 'Erbij'],
    ])
  })

  it('treats text outside any element as a paragraph, escaped', () => {
    const blocks = blocksOf('los <b>en</b>')
    expect(blocks.map((b) => b.text)).toEqual(['los', 'en'])
    expect(blocksOf('a < b').map((b) => b.html)).toEqual(['<p>a &lt; b</p>'])
  })
})
