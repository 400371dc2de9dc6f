import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../archive/migrations'
import { migrate } from '../../archive/open'
import { levenshtein, roughScore, scoreMatch } from './score'
import { TmStore } from './store'

const memory = () => {
  const db = new Database(':memory:')
  migrate(db, migrations, 0)
  return new TmStore(db)
}

describe('match scores', () => {
  it('gives 100 for the same sentence, 99 for case, spacing and punctuation only, fuzzy scores below', () => {
    expect(scoreMatch('Acupuncture helps.', 'Acupuncture  helps.').score).toBe(100)
    expect(scoreMatch('Acupuncture helps.', 'acupuncture helps').score).toBe(99)
    const close = scoreMatch('We would suggest a course of 10 to 12 treatments over a period of 8 weeks.', 'We would suggest a course of 10 to 12 treatments over a period of 6 weeks.')
    expect(close.score).toBeGreaterThanOrEqual(95)
    expect(close.score).toBeLessThanOrEqual(98)
    const far = scoreMatch('We would suggest a course of 10 to 12 treatments.', 'The guidelines recommend acupuncture for chronic pain.')
    expect(far.score).toBeLessThan(40)
  })

  it('costs a typo a letter, not a word', () => {
    expect(levenshtein('treatment', 'treatments')).toBe(1)
    expect(scoreMatch('The patients received acupuncture treatment.', 'The patients received acupuncture treatmnet.').score).toBeGreaterThan(roughScore('The patients received acupuncture treatment.', 'The patients received acupuncture treatmnet.'))
  })

  it('shows what differs: the memory’s words deleted, the segment’s inserted, the rest equal', () => {
    const { diff } = scoreMatch('A course of 10 treatments over 8 weeks.', 'A course of 12 treatments over 8 weeks.')
    expect(diff).toEqual([
      { text: 'A course of', op: 'equal' },
      { text: ' 10', op: 'delete' },
      { text: ' 12', op: 'insert' },
      { text: ' treatments over 8 weeks.', op: 'equal' },
    ])
  })
})

describe('the translation memory', () => {
  it('keeps one pair per confirmed segment, changed in place when it is confirmed again', () => {
    const tm = memory()
    tm.fromSegment('00000000-0000-4000-8000-000000000001', 'q', 'Acupuncture helps.', 'Acupunctuur helpt.')
    tm.fromSegment('00000000-0000-4000-8000-000000000001', 'q', 'Acupuncture helps.', 'Acupunctuur helpt wel.')
    expect(tm.count()).toBe(1)
    expect(tm.lookup('Acupuncture helps.', 5, 50)).toMatchObject([{ score: 100, target: 'Acupunctuur helpt wel.', origin: 'quote' }])
  })

  it('finds exact and fuzzy matches among thousands of pairs, best first, each pair once', () => {
    const tm = memory()
    const words = ['needle', 'placebo', 'sham', 'pain', 'neck', 'knee', 'migraine', 'nausea', 'trial', 'cohort', 'dose', 'session']
    tm.addImported(
      Array.from({ length: 3000 }, (_, i) => ({
        source: `The ${words[i % 12]} group of study ${i} reported ${words[(i * 7) % 12]} outcomes after ${i % 40} weeks.`,
        target: `De ${words[i % 12]}groep van studie ${i} meldde uitkomsten na ${i % 40} weken.`,
      })),
    )
    tm.addImported([{ source: 'A course of 10 to 12 treatments over a period of 8 weeks is suggested.', target: 'Een kuur van 10 tot 12 behandelingen in 8 weken wordt aangeraden.' }])
    expect(tm.addImported([{ source: 'A course of 10 to 12 treatments over a period of 8 weeks is suggested.', target: 'Een kuur van 10 tot 12 behandelingen in 8 weken wordt aangeraden.' }])).toBe(0)
    const matches = tm.lookup('A course of 10 to 12 treatments over a period of 6 weeks is suggested.', 5, 50)
    expect(matches[0]).toMatchObject({ target: 'Een kuur van 10 tot 12 behandelingen in 8 weken wordt aangeraden.' })
    expect(matches[0]!.score).toBeGreaterThan(90)
    expect(matches[0]!.diff.filter((d) => d.op !== 'equal').map((d) => d.text.trim())).toEqual(['8', '6'])
    const exact = tm.lookup('The dose group of study 1234 reported dose outcomes after 34 weeks.', 5, 50)
    expect(exact[0]).toMatchObject({ score: 100, target: 'De dosegroep van studie 1234 meldde uitkomsten na 34 weken.' })
    expect(exact.slice(1).every((m) => m.score < 100)).toBe(true)
    expect(tm.lookup('Entirely unrelated words here.', 5, 50)).toEqual([])
  })

  it('searches pairs by words on either side, and deletes one', () => {
    const tm = memory()
    tm.addImported([{ source: 'Acupuncture helps.', target: 'Acupunctuur helpt.' }, { source: 'Needles hurt.', target: 'Naalden doen pijn.' }])
    expect(tm.search('naalden', 10, 0).items.map((u) => u.source)).toEqual(['Needles hurt.'])
    expect(tm.search('', 10, 0).total).toBe(2)
    tm.delete(tm.search('acupuncture', 10, 0).items[0]!.id)
    expect(tm.count()).toBe(1)
    expect(() => tm.delete(999)).toThrow(/no pair 999/)
  })
})
