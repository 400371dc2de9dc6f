// The article as it is published: citations linked to their bibliography entries, entries linked to DOI and PubMed.
import type { Node as PMNode } from '@tiptap/pm/model'
import type { ArticleLanguage, DocumentJson } from '../articles'
import type { Formatting, Run } from '../citations'
import { bibliographyHeading, collectCitationsFromJson, deriveCitations, numericStyles, type BibliographyEntry, type DerivedCitations } from './bibliography'
import { readCitationStyle } from './extensions/citation-style'
import { documentToHtml, escapeHtml, type NodeOverride } from './html'

/** The anchor of a bibliography entry; citations link to it. */
export const entryAnchor = (number: number): string => `bron-${number}`

/** Only links Kopij made itself leave as links; anything else in a run is text. */
const safeHref = (href: string | undefined) => (href && /^https:\/\/(doi\.org|pubmed\.ncbi\.nlm\.nih\.gov)\//.test(href) ? href : null)

export function runsToHtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text)
      if (run.italic) html = `<i>${html}</i>`
      if (run.bold) html = `<b>${html}</b>`
      if (run.smallCaps) html = `<span class="small-caps">${html}</span>`
      if (run.sup) html = `<sup>${html}</sup>`
      if (run.sub) html = `<sub>${html}</sub>`
      const href = safeHref(run.href)
      return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>` : html
    })
    .join('')
}

function entryHtml(entry: BibliographyEntry): string {
  const body = entry.source ? runsToHtml(entry.source.entry) : escapeHtml(entry.missing ? `[${entry.id}]` : entry.id)
  return `<li id="${entryAnchor(entry.number)}"${entry.missing ? ' class="missing"' : ''}>${body}</li>`
}

export function bibliographyHtml(derived: DerivedCitations, language: ArticleLanguage): string {
  if (derived.entries.length === 0) return ''
  const list = numericStyles.has(derived.style) ? 'ol' : 'ul'
  return `<section class="bibliography"><h2>${escapeHtml(bibliographyHeading[language])}</h2><${list}>${derived.entries.map(entryHtml).join('')}</${list}></section>`
}

export interface PublishedArticle {
  html: string
  derived: DerivedCitations
}

/**
 * HTML of an article with its citations resolved: each citation a span whose numbers or names link to their entry,
 * and the bibliography at the end. `formatting` is what main's formatter made for the cited sources; `blocks`
 * renders other nodes of other capabilities (quote blocks), in document order like the citations.
 */
export function publishedHtml(doc: DocumentJson, language: ArticleLanguage, formatting: Formatting, blocks?: NodeOverride): PublishedArticle {
  const style = readCitationStyle((doc as { attrs?: { citationStyle?: unknown } }).attrs?.citationStyle)
  const derived = deriveCitations(collectCitationsFromJson(doc), style, formatting)
  const number = new Map(derived.entries.map((e) => [e.id, e.number]))
  let index = 0
  const html = documentToHtml(doc, (node: PMNode, render) => {
    if (node.type.name !== 'citation') return blocks?.(node, render)
    const segments = derived.segments[index++] ?? []
    const inner = segments
      .map((s) => {
        const n = s.id ? number.get(s.id) : undefined
        return n === undefined ? escapeHtml(s.text) : `<a href="#${entryAnchor(n)}">${escapeHtml(s.text)}</a>`
      })
      .join('')
    return `<span class="citation">${inner}</span>`
  })
  return { html: html + bibliographyHtml(derived, language), derived }
}
