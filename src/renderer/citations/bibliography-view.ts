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
const entriesKey = (derived: DerivedCitations, language: ArticleLanguage, failed: boolean, texts: BibliographyTexts) =>
  `${derived.style}|${language}|${failed}|${texts.region}|${derived.entries.map((e) => `${e.number}:${e.id}:${e.missing}:${e.source ? e.source.sortKey : '…'}:${e.source?.provisional}`).join('\n')}`

/** What an entry's element shows; an element is reused while this stays the same, only its number changes. */
const entryKey = (entry: BibliographyEntry, failed: boolean) =>
  `${entry.id}|${entry.missing}|${entry.source ? `${entry.source.provisional}|${entry.source.sortKey}` : `…${failed}`}`

export const entryElementId = (sourceId: string): string => `bibliography-${sourceId}`

/**
 * Puts the list's children in this order, moving as few as possible: the elements already in order (the longest run
 * of increasing old positions) stay where they are. Citing a new source first renumbers every entry but moves one.
 */
export function reorder(list: HTMLElement, items: HTMLElement[]): void {
  const wanted = new Set(items)
  for (const child of [...list.children]) if (!wanted.has(child as HTMLElement)) child.remove()
  const old = new Map([...list.children].map((child, i) => [child, i]))
  const positions = items.map((item) => old.get(item) ?? -1)
  // Longest increasing subsequence of old positions (patience sorting), as the set of items that stay.
  const tails: number[] = []
  const previous = new Array<number>(items.length).fill(-1)
  positions.forEach((position, i) => {
    if (position < 0) return
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (positions[tails[mid]!]! < position) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1]!
    tails[lo] = i
  })
  const stay = new Set<number>()
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) stay.add(i)
  let anchor: Node | null = null
  for (let i = items.length - 1; i >= 0; i--) {
    if (!stay.has(i)) list.insertBefore(items[i]!, anchor)
    anchor = items[i]!
  }
}

export class BibliographyView {
  readonly dom: HTMLElement
  private key = ''
  private elements = new Map<string, HTMLLIElement>()
  private list: HTMLOListElement | HTMLUListElement | null = null
  private heading: HTMLHeadingElement | null = null

  constructor(private readonly texts: () => BibliographyTexts) {
    this.dom = document.createElement('section')
    this.dom.className = 'bibliography'
    this.dom.hidden = true
  }

  render(derived: DerivedCitations, language: ArticleLanguage, failed: boolean): void {
    const texts = this.texts()
    const key = entriesKey(derived, language, failed, texts)
    if (key === this.key) return
    if (!this.key.includes(`|${texts.region}|`)) this.elements.clear()
    this.key = key
    this.dom.hidden = derived.entries.length === 0
    this.dom.lang = language
    this.dom.setAttribute('aria-label', texts.region)
    // Renumbering moves entries: their elements are reused and reordered, only new or changed ones are built.
    const tag = numericStyles.has(derived.style) ? 'OL' : 'UL'
    if (!this.list || this.list.tagName !== tag) {
      this.list = document.createElement(tag === 'OL' ? 'ol' : 'ul')
      this.list.className = 'bibliography-list'
      this.elements.clear()
    }
    this.heading ??= document.createElement('h2')
    this.heading.className = 'bibliography-heading'
    this.heading.textContent = bibliographyHeading[language]
    const next = new Map<string, HTMLLIElement>()
    const items = derived.entries.map((entry) => {
      const k = entryKey(entry, failed)
      const li = this.elements.get(k) ?? this.entry(entry, texts, failed)
      next.set(k, li)
      return li
    })
    this.elements = next
    reorder(this.list, items)
    if (this.dom.firstChild !== this.heading || this.heading.nextSibling !== this.list) this.dom.replaceChildren(this.heading, this.list)
  }

  private entry(entry: BibliographyEntry, texts: BibliographyTexts, failed: boolean): HTMLLIElement {
    const li = document.createElement('li')
    // Citations in the text are described by their entries (aria-describedby).
    li.id = entryElementId(entry.id)
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
