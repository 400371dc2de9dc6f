import { describe, expect, it } from 'vitest'
import type { CitationItem, CslItem, SourceRecord } from '../../shared/citations'
import { deriveCitations, runsText, type CitationAt } from '../../shared/document/bibliography'
import { plugins } from './citation-js'
import { CitationFormatter } from './formatter'

const record = (csl: Omit<CslItem, 'type'> & { type?: string }, updatedAt = '2026-01-01T00:00:00.000Z'): SourceRecord => ({
  id: csl.id as string,
  csl: { type: 'article-journal', ...csl } as CslItem,
  provisional: false,
  lookup: 'none',
  lookupError: null,
  createdAt: updatedAt,
  updatedAt,
})

const berman = record({
  id: 'berman-2010-acupuncture',
  title: 'Acupuncture for chronic low back pain',
  'container-title': 'New England Journal of Medicine',
  'container-title-short': 'N Engl J Med',
  volume: '363',
  issue: '5',
  page: '454-461',
  issued: { 'date-parts': [[2010, 7, 29]] },
  DOI: '10.1056/NEJMcp0909344',
  PMID: '20818865',
  author: [
    { family: 'Berman', given: 'Brian M.' },
    { family: 'Langevin', given: 'Helene H.' },
    { family: 'Witt', given: 'Claudia M.' },
    { family: 'Dubner', given: 'Ronald' },
  ],
})
const berman2 = record({ ...berman.csl, id: 'berman-2010-mechanisms', title: 'Mechanisms of acupuncture', DOI: undefined, PMID: undefined })
const witt = record({ id: 'witt-2006-pragmatic', title: 'Pragmatic randomized trial of acupuncture', 'container-title': 'Am J Epidemiol', page: '487-496', issued: { 'date-parts': [[2006]] }, author: [{ family: 'Witt', given: 'Claudia M.' }] })
const who = record({ id: 'who-2013', type: 'report', title: 'WHO traditional medicine strategy 2014-2023', publisher: 'World Health Organization', issued: { 'date-parts': [[2013]] }, author: [{ literal: 'World Health Organization' }] })
const all = [berman, berman2, witt, who]
const records = new Map(all.map((r) => [r.id, r]))

/** What citeproc itself makes of the same citations, all of them registered at once (the slow, exact way). */
function citeprocClusters(style: string, locale: string, clusters: CitationItem[][]): string[] {
  const engine = (plugins.config.get('@csl') as { engine(i: object[], s: string, l: string, f: string): any }).engine(all.map((r) => structuredClone(r.csl)), style, locale, 'text')
  const order = [...new Set(clusters.flat().map((i) => i.source))]
  engine.updateItems(order)
  return clusters.map((items) => engine.makeCitationCluster(items.map((i) => ({ id: i.source, locator: i.locator, label: i.label, prefix: i.prefix, suffix: i.suffix }))))
}

function citeprocBibliographyOrder(style: string, locale: string, ids: string[]): string[] {
  const engine = (plugins.config.get('@csl') as { engine(i: object[], s: string, l: string, f: string): any }).engine(all.map((r) => structuredClone(r.csl)), style, locale, 'text')
  engine.updateItems(ids)
  return (engine.makeBibliography()[0].entry_ids as string[][]).map(([id]) => id!)
}

const at = (clusters: CitationItem[][]): CitationAt[] => clusters.map((items, pos) => ({ pos, items }))

describe('formatting with the bundled styles and locales', () => {
  const formatter = new CitationFormatter()

  it('formats Vancouver in Dutch and English, with DOI and PMID linked', () => {
    const nl = formatter.format('vancouver', 'nl-NL', ['berman-2010-acupuncture'], records)
    expect(runsText(nl.sources['berman-2010-acupuncture']!.entry)).toBe(
      'Berman BM, Langevin HH, Witt CM, Dubner R. Acupuncture for chronic low back pain. N Engl J Med. 29 juli 2010;363(5):454-61. doi:10.1056/NEJMcp0909344 PubMed PMID: 20818865.',
    )
    const en = formatter.format('vancouver', 'en-US', ['berman-2010-acupuncture'], records)
    expect(runsText(en.sources['berman-2010-acupuncture']!.entry)).toContain('N Engl J Med. 2010 Jul 29;363(5):454–61.')
    expect(en.sources['berman-2010-acupuncture']!.entry.filter((r) => r.href).map((r) => r.href)).toEqual([
      'https://doi.org/10.1056/NEJMcp0909344',
      'https://pubmed.ncbi.nlm.nih.gov/20818865/',
    ])
    expect(nl.terms.page).toEqual({ single: 'p.', multiple: 'pp.' })
    expect(en.terms.paragraph).toEqual({ single: 'para.', multiple: 'paras.' })
  })

  it('formats APA with italics, a group author, and disambiguates the same authors and year as citeproc does', () => {
    const apa = formatter.format('apa', 'en-US', ['berman-2010-acupuncture', 'berman-2010-mechanisms', 'who-2013', 'nowhere'], records)
    expect(apa.sources['berman-2010-acupuncture']!.label).toBe('Berman et al., 2010a')
    expect(apa.sources['berman-2010-mechanisms']!.label).toBe('Berman et al., 2010b')
    expect(apa.sources['who-2013']!.label).toBe('World Health Organization, 2013')
    expect(apa.sources['berman-2010-acupuncture']!.entry).toContainEqual({ text: 'New England Journal of Medicine', italic: true })
    expect(apa.missing).toEqual(['nowhere'])
    // Alone, the same source needs no letter.
    expect(formatter.format('apa', 'en-US', ['berman-2010-acupuncture'], records).sources['berman-2010-acupuncture']!.label).toBe('Berman et al., 2010')
  })

  it('formats a source again only when it changed', () => {
    const first = formatter.format('vancouver', 'en-US', ['witt-2006-pragmatic'], records).sources['witt-2006-pragmatic']
    const again = formatter.format('vancouver', 'en-US', ['witt-2006-pragmatic'], records).sources['witt-2006-pragmatic']
    expect(again!.entry).toBe(first!.entry)
    const edited = new Map([['witt-2006-pragmatic', record({ ...witt.csl, title: 'Edited title' }, '2026-02-02T00:00:00.000Z')]])
    expect(runsText(formatter.format('vancouver', 'en-US', ['witt-2006-pragmatic'], edited).sources['witt-2006-pragmatic']!.entry)).toContain('Edited title')
  })
})

describe('in-text citations as citeproc would write them', () => {
  const formatter = new CitationFormatter()
  const clusters: CitationItem[][] = [
    [{ source: 'witt-2006-pragmatic' }],
    [{ source: 'berman-2010-acupuncture' }, { source: 'witt-2006-pragmatic' }],
    [{ source: 'who-2013' }, { source: 'berman-2010-mechanisms' }, { source: 'berman-2010-acupuncture' }],
    [{ source: 'berman-2010-acupuncture', prefix: 'zie', suffix: 'voor een overzicht' }],
  ]

  it('Vancouver: numbers by first appearance, ranges of three, prefixes and suffixes', () => {
    const ids = all.map((r) => r.id)
    const derived = deriveCitations(at(clusters), 'vancouver', formatter.format('vancouver', 'nl-NL', ids, records))
    expect(derived.labels).toEqual(citeprocClusters('vancouver', 'nl-NL', clusters))
    expect(derived.labels).toEqual(['(1)', '(1,2)', '(2–4)', '(zie 2 voor een overzicht)'])
    expect(derived.entries.map((e) => [e.number, e.id])).toEqual([
      [1, 'witt-2006-pragmatic'],
      [2, 'berman-2010-acupuncture'],
      [3, 'who-2013'],
      [4, 'berman-2010-mechanisms'],
    ])
  })

  it('APA: author and year, sorted within a citation, years of the same authors collapsed, locators labelled', () => {
    const ids = all.map((r) => r.id)
    const withLocators = [...clusters, [{ source: 'berman-2010-acupuncture', label: 'page' as const, locator: '458' }], [{ source: 'witt-2006-pragmatic', label: 'figure' as const, locator: '2' }]]
    const derived = deriveCitations(at(withLocators), 'apa', formatter.format('apa', 'en-US', ids, records))
    const citeproc = citeprocClusters('apa', 'en-US', withLocators)
    // citeproc keeps the editor's order of two works with the same authors and year ("2010b, 2010a"); Kopij puts
    // the letters in order, as APA 8.12 shows them. Every other citation is citeproc's, character for character.
    expect(citeproc[2]).toBe('(Berman et al., 2010b, 2010a; World Health Organization, 2013)')
    expect(derived.labels[2]).toBe('(Berman et al., 2010a, 2010b; World Health Organization, 2013)')
    expect(derived.labels.filter((_, i) => i !== 2)).toEqual(citeproc.filter((_, i) => i !== 2))
    expect(derived.labels.at(-1)).toBe('(Witt, 2006, Figure 2)')
    // The bibliography of an author-date style is alphabetical, in the order citeproc sorts it.
    expect(derived.entries.map((e) => e.id)).toEqual(citeprocBibliographyOrder('apa', 'en-US', ids))
    expect(derived.entries.map((e) => e.id)).toEqual(['berman-2010-acupuncture', 'berman-2010-mechanisms', 'witt-2006-pragmatic', 'who-2013'])
  })

  it('Vancouver with a locator: Kopij keeps the page, which the style itself would drop', () => {
    const derived = deriveCitations(at([[{ source: 'berman-2010-acupuncture', label: 'page', locator: '457-458' }, { source: 'witt-2006-pragmatic' }]]), 'vancouver', formatter.format('vancouver', 'nl-NL', ['berman-2010-acupuncture', 'witt-2006-pragmatic'], records))
    expect(citeprocClusters('vancouver', 'nl-NL', [[{ source: 'berman-2010-acupuncture', label: 'page', locator: '457-458' }]])).toEqual(['(1)'])
    expect(derived.labels).toEqual(['(1, pp. 457-458; 2)'])
  })
})
