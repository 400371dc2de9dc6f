import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportProblem } from '../../../shared/citations'
import { tidy } from '../records'
import { detectFormat, importerFor, isProblem, readMedline, type ParsedRecord } from './index'

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')

function readAll(text: string, fileName: string) {
  const format = detectFormat(text, fileName)!
  const importer = importerFor(format, text)
  const raw = importer.split(text)
  const results = importer.readMany ? importer.readMany(raw, 0) : raw.map((r, i) => importer.read(r, i))
  const good = results.filter((r): r is ParsedRecord => !isProblem(r)).map((r) => ({ ...r, csl: tidy(r.csl) }))
  const problems = results.filter((r): r is ImportProblem => isProblem(r))
  const byKey = (key: string) => good.find((r) => r.key === key)!.csl
  return { format, records: raw.length, good, problems, byKey }
}

const families = (csl: { author?: { family?: string; literal?: string }[] }) => csl.author?.map((a) => a.family ?? a.literal)

describe('BibTeX', () => {
  const result = readAll(fixture('library.bib'), 'library.bib')

  it('reads every good entry, with all ten authors, a group author and the PubMed id', () => {
    expect(result.format).toBe('bibtex')
    expect(result.records).toBe(6)
    expect(result.good.map((r) => r.key)).toEqual(['vickers2018', 'ostergaard2021', 'ernst2008', 'webnote', 'after'])
    const vickers = result.byKey('vickers2018')
    expect(families(vickers)).toHaveLength(10)
    expect(families(vickers)!.at(-1)).toBe("Acupuncture Trialists' Collaboration")
    expect(vickers).toMatchObject({ type: 'article-journal', 'container-title': 'The Journal of Pain', page: '455-474', DOI: '10.1016/j.jpain.2017.11.005', PMID: '29198932' })
    expect(vickers.issued?.['date-parts']?.[0]).toEqual([2018, 5])
  })

  it('turns LaTeX accents into letters, expands @string macros, keeps e-pages and strips a DOI link', () => {
    const entry = result.byKey('ostergaard2021')
    expect(entry.author?.map((a) => `${a.given} ${a.family}`)).toEqual(['Søren Østergaard', 'José Nuñez', 'Paweł Łukasiewicz', 'Jörg Müller-Schmidt'])
    expect(entry).toMatchObject({ 'container-title': 'BMJ', page: 'e045678', DOI: '10.1136/bmj.n1234' })
  })

  it('keeps entries with missing fields (no year, no authors) and books with a publisher', () => {
    expect(result.byKey('webnote')).toMatchObject({ title: 'Acupunctuur: wat zegt de wetenschap?', URL: 'https://www.example.org/acupunctuur' })
    expect(result.byKey('webnote').issued).toBeUndefined()
    expect(result.byKey('ernst2008')).toMatchObject({ type: 'book', publisher: 'Bantam Press' })
  })

  it('names the broken entry by number, key and line, and reads the entry after it', () => {
    expect(result.problems).toEqual([{ record: 5, line: 42, key: 'broken', message: 'The braces { } of this entry do not match.' }])
    expect(result.byKey('after').title).toBe('Connective tissue: a body-wide signaling network?')
  })

  it('reports a syntax error at the line citation-js names, counted from the file start', () => {
    const text = '@article{ok, title = {Fine}, year = 2001}\n\n@article{bad,\n  title = {x},\n  author = \n}\n'
    const { problems, good } = readAll(text, 'x.bib')
    expect(good.map((r) => r.key)).toEqual(['ok'])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ record: 2, key: 'bad', line: 6 })
  })
})

describe('RIS', () => {
  const result = readAll(fixture('library.ris'), 'export.ris')

  it('reads journal articles and reports with their authors, pages and identifiers', () => {
    expect(result.format).toBe('ris')
    expect(result.records).toBe(5)
    const [berman, brinkhaus, who] = result.good.map((r) => r.csl)
    expect(families(berman!)).toEqual(['Berman', 'Langevin', 'Witt', 'Dubner'])
    expect(berman).toMatchObject({ title: 'Acupuncture for chronic low back pain', 'container-title-short': 'N Engl J Med', page: '454-461', DOI: '10.1056/NEJMcp0909344' })
    expect(berman!.issued?.['date-parts']?.[0]).toEqual([2010, 7, 29])
    expect(brinkhaus!.author?.map((a) => a.family)).toEqual(['Brinkhaus', 'Jürgens', 'Lüdtke', 'Willich'])
    expect(brinkhaus).toMatchObject({ page: 'e0217', PMID: '31234567', 'container-title': 'Deutsches Ärzteblatt International' })
    expect(who).toMatchObject({ title: 'WHO traditional medicine strategy: 2014-2023', publisher: 'World Health Organization' })
  })

  it('names a record without ER and a record with a line that is not a tag, with their lines', () => {
    expect(result.problems).toEqual([
      { record: 3, line: 31, key: '', message: 'This record does not end with "ER  -" before the next one starts.' },
      { record: 4, line: 38, key: '', message: 'Line 38 is not a RIS tag line ("XX  - value").' },
    ])
  })
})

describe('CSL-JSON', () => {
  const result = readAll(fixture('library.json'), 'library.json')

  it('reads items as they are, twelve authors, particles and non-ASCII names included', () => {
    expect(result.format).toBe('csl-json')
    expect(result.records).toBe(4)
    expect(families(result.byKey('cherkin2009'))).toHaveLength(12)
    expect(result.byKey('cherkin2009')).toMatchObject({ PMID: '19433697', page: '858-866' })
    expect(result.byKey('van-tulder').author).toEqual([
      { family: 'Tulder', given: 'Maurits W.', 'non-dropping-particle': 'van' },
      { family: 'Çelik', given: 'Ayşe' },
    ])
  })

  it('names the item that is not CSL and the one that is not JSON, by record and line', () => {
    expect(result.problems.map((p) => [p.record, p.line, p.key])).toEqual([
      [2, 28, 'bad-authors'],
      [3, 34, ''],
    ])
    expect(result.problems[0]!.message).toMatch(/^Not a CSL item: author/)
    expect(result.problems[1]!.message).toMatch(/^Not valid JSON/)
  })

  it('takes a single object, and refuses what is not JSON at all', () => {
    expect(readAll('{"id":"a","type":"book","title":"Alone"}', 'a.json').good).toHaveLength(1)
    const broken = readAll('[{"id":"a","type":"book","title":"Open', 'a.json')
    expect(broken.problems).toHaveLength(1)
  })
})

describe('PubMed MEDLINE (.nbib)', () => {
  const result = readAll(fixture('library.nbib'), 'pubmed-acupunctur-set.nbib')

  it('reads the Berman record: full names, journal, date, pages and DOI', () => {
    expect(result.format).toBe('nbib')
    expect(result.records).toBe(4)
    const berman = result.good[0]!.csl
    expect(berman.author).toEqual([
      { family: 'Berman', given: 'Brian M' },
      { family: 'Langevin', given: 'Helene H' },
      { family: 'Witt', given: 'Claudia M' },
      { family: 'Dubner', given: 'Ronald' },
    ])
    expect(berman).toMatchObject({
      id: 'pmid-20818865',
      title: 'Acupuncture for chronic low back pain',
      'container-title': 'The New England journal of medicine',
      'container-title-short': 'N Engl J Med',
      volume: '363',
      issue: '5',
      page: '454-61',
      DOI: '10.1056/NEJMcp0909344',
      PMID: '20818865',
      language: 'en',
      ISSN: '1533-4406',
    })
    expect(berman.issued?.['date-parts']?.[0]).toEqual([2010, 7, 29])
  })

  it('takes the electronic page from LID, a group author from CN, continued lines and non-ASCII names', () => {
    const plos = result.good[1]!.csl
    expect(plos.author).toEqual([{ family: 'Šimunović', given: 'Ana' }, { family: 'Kowalczyk-Łęcka', given: 'Zofia' }, { literal: 'Acupuncture Research Group' }])
    expect(plos).toMatchObject({ page: 'e0217345', DOI: '10.1371/journal.pone.0217345', PMCID: 'PMC6534321', abstract: 'BACKGROUND: A long abstract that continues on a second line.' })
  })

  it('names a record with a broken line and one without a PMID', () => {
    expect(result.problems).toEqual([
      { record: 3, line: 60, key: '99999999', message: 'Line 60 is not a MEDLINE field ("TAG - value") or its continuation.' },
      { record: 4, line: 62, key: '', message: 'A MEDLINE record must start with "PMID- " and the number.' },
    ])
  })

  it('reads one record as PubMed efetch answers it', () => {
    expect(readMedline(fixture('library.nbib').split('\n\n')[0]!)?.PMID).toBe('20818865')
    expect(readMedline('not medline')).toBeNull()
  })
})

describe('telling formats apart', () => {
  it('goes by the extension, else by the first lines', () => {
    expect(detectFormat('', 'x.BIB')).toBe('bibtex')
    expect(detectFormat('TY  - JOUR\nER  - \n')).toBe('ris')
    expect(detectFormat('PMID- 1\nTI  - x\n')).toBe('nbib')
    expect(detectFormat('  [{"id":"a"}]')).toBe('csl-json')
    expect(detectFormat('% comment\n@Article{a, title={x}}')).toBe('bibtex')
    expect(detectFormat('Berman BM. Acupuncture. N Engl J Med 2010')).toBeNull()
  })
})
