import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../archive/open'
import { migrations } from '../../archive/migrations'
import { dutchStem, englishStem, findDutchTerm, GlossaryMatcher } from './match'
import { GlossaryStore } from './store'

const found = (translation: string, term: string) => findDutchTerm(translation, term) !== null

describe('Dutch terms in a translation', () => {
  it('accept plural, diminutive and inflected forms', () => {
    expect(['ratten', 'rat', 'ratje'].map(dutchStem)).toEqual(['rat', 'rat', 'rat'])
    expect(dutchStem('lage')).toBe(dutchStem('laag'))
    expect(dutchStem('opioïden')).toBe(dutchStem('opioïde'))
    expect(found('Bij de ratten werd het gemeten.', 'rat')).toBe(true)
    expect(found('Een pijnstillende werking.', 'pijnstillend')).toBe(true)
    expect(found('Twee behandelingetjes.', 'behandeling')).toBe(true)
    expect(found('De limbische structuren.', 'limbisch')).toBe(true)
  })

  it('accept compounds with the term as head or first part, hyphenated or not', () => {
    expect(found('Organisaties steunen acupunctuurbehandelingen.', 'acupunctuur')).toBe(true)
    expect(found('Elektroacupunctuur werkt ook.', 'acupunctuur')).toBe(true)
    expect(found('Het neuro-hormoon adenosine.', 'neurohormoon')).toBe(true)
    expect(found('De μ-opioïdreceptoren in de hersenen.', 'μ-opioïd')).toBe(true)
    expect(found('Over lage rugpijnklachten.', 'lage rugpijn')).toBe(true)
    expect(found('Bij chronische lage rugpijn.', 'lage rugpijn')).toBe(true)
  })

  it('do not match short terms inside other words, nor words out of order', () => {
    expect(found('De ratio was gunstig.', 'rat')).toBe(false)
    expect(found('Een kwadratische curve.', 'rat')).toBe(false)
    expect(found('Rugpijn, laag in de rug.', 'lage rugpijn')).toBe(false)
    expect(found('Via het zenuwstelsel.', 'acupunctuur')).toBe(false)
  })

  it('report where the term is, for highlighting', () => {
    const text = 'Steun voor acupunctuurbehandelingen bij lage rugpijn.'
    const at = findDutchTerm(text, 'lage rugpijn')!
    expect(text.slice(at.from, at.to)).toBe('lage rugpijn')
  })
})

describe('English terms in an original', () => {
  const entry = (term: string) => ({ id: `00000000-0000-4000-8000-${term.length.toString().padStart(12, '0')}`, term, preferred: ['x'], forbidden: [], note: '', updatedAt: '' })
  const matcher = new GlossaryMatcher([entry('low back pain'), entry('chronic low back pain'), entry('μ-opioid'), entry('endogenous opioid'), entry('physician')])

  it('finds terms with their plurals and offsets, nested terms too, longest first', () => {
    const text = 'Patients with chronic low back pain release endogenous opioids; μ-opioid–binding rose.'
    const hits = matcher.hits(text)
    expect(hits.map((h) => [h.term, text.slice(h.from, h.to)])).toEqual([
      ['chronic low back pain', 'chronic low back pain'],
      ['low back pain', 'low back pain'],
      ['endogenous opioid', 'endogenous opioids'],
      ['μ-opioid', 'μ-opioid'],
    ])
    expect(englishStem('therapies')).toBe('therapy')
    expect(englishStem('analgesics')).toBe('analgesic')
  })

  it('leaves names alone: a capitalised term in mid-sentence, but not at the start of a sentence', () => {
    expect(matcher.hits('The American College of Physicians agreed.')).toEqual([])
    expect(matcher.hits('Physicians agreed. A physician said so.').map((h) => h.from)).toEqual([0, 21])
  })
})

describe('the glossary store', () => {
  const store = () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 0)
    return new GlossaryStore(db)
  }

  it('keeps one entry per English term, tidies terms, and says who has a term already', () => {
    const glossary = store()
    const saved = glossary.save({ term: ' Acupuncture ', preferred: ['acupunctuur', 'Acupunctuur', ' '].filter(Boolean), forbidden: ['accupunctuur', 'acupunctuur'], note: '' })
    expect(saved).toMatchObject({ term: 'Acupuncture', preferred: ['Acupunctuur'], forbidden: ['accupunctuur'] })
    expect(() => glossary.save({ term: 'acupuncture', preferred: ['x'], forbidden: [], note: '' })).toThrow(/has "Acupuncture" already/)
    expect(glossary.save({ term: 'acupuncture', preferred: ['acupunctuur'], forbidden: [], note: 'n' }, saved.id)).toMatchObject({ note: 'n' })
    expect(glossary.list('acupunct', 10, 0).total).toBe(1)
    expect(glossary.list('100%', 10, 0).total).toBe(0)
    expect(glossary.matcher().hits('acupuncture').length).toBe(1)
    glossary.delete(saved.id)
    expect(glossary.matcher().hits('acupuncture')).toEqual([])
  })
})
