// The bibliography under the article's text, as plain DOM: rebuilt only when its entries change, never per keystroke.
import type { ArticleLanguage } from '../../shared/articles'
import type { Run } from '../../shared/citations'
import { bibliographyHeading, numericStyles, type BibliographyEntry, type DerivedCitations } from '../../shared/document/bibliography'

export interface BibliographyTexts {
  region: string
  missing(id: string): string
  pending: string
  failed: string
}

function runsInto(parent: HTMLElement, runs: readonly Run[]): void {
  for (const run of runs) {
    let node: HTMLElement | Text = document.createTextNode(run.text)
    const wrap = (tag: string, className?: string) => {
      const el = document.createElement(tag)
      if (className) el.className = className
      el.append(node)
      node = el
    }
    if (run.italic) wrap('i')
    if (run.bold) wrap('b')
    if (run.smallCaps) wrap('span', 'small-caps')
    if (run.sup) wrap('sup')
    if (run.sub) wrap('sub')
    // A link in the editor would navigate the app away: it shows as one, with the address as its title.
    if (run.href) {
      const link = document.createElement('span')
      link.className = 'bib-link'
      link.title = run.href
      link.append(node)
      node = link
    }
    parent.append(node)
  }
}

/** A key that changes exactly when what the bibliography shows changes. */
const entriesKey = (derived: DerivedCitations, language: ArticleLanguage, failed: boolean) =>
  `${derived.style}|${language}|${failed}|${derived.entries.map((e) => `${e.number}:${e.id}:${e.missing}:${e.source ? e.source.sortKey : '…'}:${e.source?.provisional}`).join('\n')}`

export class BibliographyView {
  readonly dom: HTMLElement
  private key = ''

  constructor(private readonly texts: () => BibliographyTexts) {
    this.dom = document.createElement('section')
    this.dom.className = 'bibliography'
    this.dom.hidden = true
  }

  render(derived: DerivedCitations, language: ArticleLanguage, failed: boolean): void {
    const key = entriesKey(derived, language, failed)
    if (key === this.key) return
    this.key = key
    const texts = this.texts()
    this.dom.hidden = derived.entries.length === 0
    this.dom.lang = language
    this.dom.setAttribute('aria-label', texts.region)
    const heading = document.createElement('h2')
    heading.className = 'bibliography-heading'
    heading.textContent = bibliographyHeading[language]
    const list = document.createElement(numericStyles.has(derived.style) ? 'ol' : 'ul')
    list.className = 'bibliography-list'
    for (const entry of derived.entries) list.append(this.entry(entry, texts, failed))
    this.dom.replaceChildren(heading, list)
  }

  private entry(entry: BibliographyEntry, texts: BibliographyTexts, failed: boolean): HTMLLIElement {
    const li = document.createElement('li')
    li.value = entry.number
    li.dataset.source = entry.id
    if (entry.source) {
      runsInto(li, entry.source.entry)
      if (entry.source.provisional) li.classList.add('provisional')
    } else if (entry.missing) {
      li.classList.add('missing')
      li.textContent = texts.missing(entry.id)
    } else {
      li.classList.add('pending')
      li.textContent = failed ? texts.failed : texts.pending
    }
    return li
  }
}
