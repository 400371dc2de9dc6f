import { describe, expect, it } from 'vitest'
import { doiUrl, findDoi, readIdentifier } from './identifiers'
import { htmlToRuns, linkIdentifiers } from './runs'

describe('pasted identifiers', () => {
  it('reads DOIs bare, prefixed, as links and URL-encoded, without the sentence around them', () => {
    for (const text of ['10.1056/NEJMcp0909344', 'doi:10.1056/NEJMcp0909344', 'DOI: 10.1056/NEJMcp0909344', 'https://doi.org/10.1056/NEJMcp0909344', 'http://dx.doi.org/10.1056%2FNEJMcp0909344'])
      expect(readIdentifier(text)).toEqual({ kind: 'doi', value: '10.1056/NEJMcp0909344' })
    expect(findDoi('See doi:10.1002/(SICI)1097-0258(19980815)17:15<1661::AID-SIM968>3.0.CO;2-2.')).toBe('10.1002/(SICI)1097-0258(19980815)17:15<1661::AID-SIM968>3.0.CO;2-2')
    expect(findDoi('(Berman, doi 10.1056/NEJMcp0909344).')).toBe('10.1056/NEJMcp0909344')
  })

  it('reads PMIDs bare, labelled and as PubMed links', () => {
    for (const text of ['20818865', 'PMID: 20818865', 'pmid 20818865', 'https://pubmed.ncbi.nlm.nih.gov/20818865/', 'https://www.ncbi.nlm.nih.gov/pubmed/20818865'])
      expect(readIdentifier(text)).toEqual({ kind: 'pmid', value: '20818865' })
  })

  it('refuses text that is neither', () => {
    for (const text of ['', 'Berman 2010', '0', '10.1056', 'https://example.org/10.1056/x', '20818865\n20818866']) expect(readIdentifier(text)).toBeNull()
  })

  it('makes doi.org links that keep the DOI readable', () => {
    expect(doiUrl('10.1002/(SICI)1097-0258')).toBe('https://doi.org/10.1002/(SICI)1097-0258')
    expect(doiUrl('10.1000/a b#c')).toBe('https://doi.org/10.1000/a%20b%23c')
  })
})

describe("citeproc's HTML as runs", () => {
  it('keeps italics, small caps and entities as styled text, drops the number column and any other markup', () => {
    const html = '<div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">Witt C &#38; Müller &amp; co. <i>Lancet</i>, <i>363</i><span style="font-variant:small-caps;">ed</span><script>x</script>.</div></div>'
    expect(htmlToRuns(html)).toEqual([
      { text: 'Witt C & Müller & co. ' },
      { text: 'Lancet', italic: true },
      { text: ', ' },
      { text: '363', italic: true },
      { text: 'ed', smallCaps: true },
      { text: 'x.' },
    ])
  })

  it('links the printed DOI and PMID, and says when the style left one out', () => {
    const runs = [{ text: 'Berman BM. N Engl J Med. 2010. doi:10.1056/NEJMcp0909344 PubMed PMID: 20818865.' }]
    const linked = linkIdentifiers(runs, { doi: '10.1056/NEJMcp0909344', pmid: '20818865' })
    expect(linked.runs.filter((r) => r.href)).toEqual([
      { text: '10.1056/NEJMcp0909344', href: 'https://doi.org/10.1056/NEJMcp0909344' },
      { text: '20818865', href: 'https://pubmed.ncbi.nlm.nih.gov/20818865/' },
    ])
    expect(linkIdentifiers([{ text: 'No ids here.' }], { pmid: '1' })).toMatchObject({ doiLinked: false, pmidLinked: false })
  })
})
