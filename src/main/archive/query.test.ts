import { describe, expect, it } from 'vitest'
import { markAll, snippet } from './passages'
import { matchExpression, parseQuery } from './query'

describe('matchExpression', () => {
  it('quotes every word and lets the last one, still being typed, match as a prefix', () => {
    expect(matchExpression('lage rugp')).toBe('"lage" AND "rugp"*')
    expect(matchExpression('lage rugpijn ')).toBe('"lage" AND "rugpijn"')
  })

  it('keeps balanced quotes as a phrase and drops an unbalanced one', () => {
    expect(matchExpression('"lage rugpijn" acupunctuur')).toBe('"lage rugpijn" AND "acupunctuur"*')
    expect(matchExpression('acupunctuur "lage rug')).toBe('"acupunctuur" AND "lage" AND "rug"*')
  })

  it('never lets FTS syntax through', () => {
    expect(matchExpression('a AND b OR NOT c')).toBe('"a" AND "AND" AND "b" AND "OR" AND "NOT" AND "c"*')
    expect(matchExpression('NEAR(a b, 3)')).toBe('"NEAR" AND "a" AND "b" AND "3"')
    expect(matchExpression('title:acupunctuur^ -x +y {z}')).toBe('"title" AND "acupunctuur" AND "x" AND "y" AND "z"')
    for (const nothing of ['', '   ', '*', '"', '()', '^', ':-', '""']) expect(matchExpression(nothing)).toBeNull()
  })

  it('keeps letters with diacritics and digits', () => {
    expect(matchExpression('ideeën 363:454')).toBe('"ideeën" AND "363" AND "454"*')
  })
})

describe('marking matches', () => {
  const terms = parseQuery('ideeen acupunct')!.terms

  it('marks whole words, folding case and diacritics, and the prefix being typed', () => {
    expect(markAll('Duidelijke Ideeën over Acupunctuur.', terms)).toEqual([
      { text: 'Duidelijke ', match: false },
      { text: 'Ideeën', match: true },
      { text: ' over ', match: false },
      { text: 'Acupunctuur', match: true },
      { text: '.', match: false },
    ])
    expect(markAll('ideeënbus', terms)).toEqual([{ text: 'ideeënbus', match: false }])
  })

  it('keeps markup-looking text as text', () => {
    expect(markAll('<b onclick="x">acupunctuur</b>', terms)).toEqual([
      { text: '<b onclick="x">', match: false },
      { text: 'acupunctuur', match: true },
      { text: '</b>', match: false },
    ])
  })

  it('cuts a passage around the densest cluster of matches, with ellipses', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `woord${i}`).join(' ')
    const text = `${filler(50)} acupunctuur ${filler(3)} ideeën acupunctuur ${filler(50)}`
    const runs = snippet(text, terms, 12)
    expect(runs[0]).toEqual({ text: '…', match: false })
    expect(runs[runs.length - 1]).toEqual({ text: '…', match: false })
    expect(runs.filter((r) => r.match).map((r) => r.text)).toEqual(['acupunctuur', 'ideeën', 'acupunctuur'])
    expect(snippet('kort', terms)).toEqual([{ text: 'kort', match: false }])
    // A match far into a very long text is not looked for: the passage is then the beginning.
    const far = snippet(`${filler(6000)} acupunctuur`, terms, 5)
    expect(far.some((r) => r.match)).toBe(false)
    expect(far[0]!.text).toMatch(/^woord0 /)
    expect(snippet('', terms)).toEqual([])
  })
})
