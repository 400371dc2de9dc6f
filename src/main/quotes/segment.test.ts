import { describe, expect, it } from 'vitest'
import { alignSentences } from './align'
import { countSentences, joinParagraphs, splitSentences } from './segment'

const texts = (text: string, lang: 'en' | 'nl' = 'en') => splitSentences(text, lang).map((s) => s.text)

describe('sentence segmentation', () => {
  it('does not end a sentence at et al., e.g., i.e., i.v., vs. or a title', () => {
    expect(texts('Berman et al. showed that 1.5 mg i.v. helps, e.g. in rats. Dr. Smith vs. Jones et al. (2010) disagreed, i.e. not at all.')).toEqual([
      'Berman et al. showed that 1.5 mg i.v. helps, e.g. in rats.',
      'Dr. Smith vs. Jones et al. (2010) disagreed, i.e. not at all.',
    ])
  })

  it('keeps U.K. and et al. inside a sentence before a name, but ends one before a new sentence', () => {
    expect(texts('Finally, the U.K. National Institute for Health and Clinical Excellence has recommended acupuncture. It was in the U.K. The trial ended.')).toEqual([
      'Finally, the U.K. National Institute for Health and Clinical Excellence has recommended acupuncture.',
      'It was in the U.K.',
      'The trial ended.',
    ])
    expect(texts('Berman et al. The results were clear.')).toEqual(['Berman et al.', 'The results were clear.'])
    expect(texts('As reported by Brian M. Berman in the trial.')).toEqual(['As reported by Brian M. Berman in the trial.'])
  })

  it('keeps numbers whole: decimals, ranges, doses and figure numbers', () => {
    expect(texts('A course of 10 to 12 treatments over 8 weeks. Give 1.5 mg, see Fig. 2 and No. 5. Then 2.5 ml twice daily.')).toEqual([
      'A course of 10 to 12 treatments over 8 weeks.',
      'Give 1.5 mg, see Fig. 2 and No. 5.',
      'Then 2.5 ml twice daily.',
    ])
  })

  it('keeps a leading ellipsis, a list number and a trailing ellipsis with their sentence', () => {
    expect(texts('....we would suggest a course of treatments. 1. Local anesthesia blocks it. 2. It releases opioids for more than 6 weeks….')).toEqual([
      '....we would suggest a course of treatments.',
      '1. Local anesthesia blocks it.',
      '2. It releases opioids for more than 6 weeks….',
    ])
  })

  it('segments Dutch with its own abbreviations, each line a paragraph of its own', () => {
    const sentences = splitSentences('Dit is bijv. een test, d.w.z. een proef. Dr. Jansen geeft 1,5 mg. Daarna volgt o.a. rust.\nvia het zenuwstelsel,\nvia de hormonen,', 'nl')
    expect(sentences).toEqual([
      { text: 'Dit is bijv. een test, d.w.z. een proef.', paragraphStart: true },
      { text: 'Dr. Jansen geeft 1,5 mg.', paragraphStart: false },
      { text: 'Daarna volgt o.a. rust.', paragraphStart: false },
      { text: 'via het zenuwstelsel,', paragraphStart: true },
      { text: 'via de hormonen,', paragraphStart: true },
    ])
    expect(countSentences('', 'nl')).toBe(0)
    expect(countSentences('Een. Twee.\nDrie', 'nl')).toBe(3)
  })

  it('joins sentences back into paragraphs', () => {
    const sentences = splitSentences('One. Two.\nThree.', 'en')
    expect(joinParagraphs(sentences, (s) => s.text, (s) => s.paragraphStart)).toEqual(['One. Two.', 'Three.'])
  })
})

describe('pairing a pasted translation', () => {
  const en = (t: string) => splitSentences(t, 'en')
  const nl = (t: string) => splitSentences(t, 'nl')

  it('pairs sentence by sentence when the counts agree; every pasted pair is a draft', () => {
    const segments = alignSentences(en('We suggest 10 treatments. They help.'), nl('Wij raden 10 behandelingen aan. Ze helpen.'))
    expect(segments.map((s) => [s.original, s.translation, s.status])).toEqual([
      ['We suggest 10 treatments.', 'Wij raden 10 behandelingen aan.', 'draft'],
      ['They help.', 'Ze helpen.', 'draft'],
    ])
  })

  it('finds the likeliest pairing when the counts differ, and drops nothing of either side', () => {
    const original = en('A course of 10 to 12 treatments over a period of 8 weeks is suggested by the authors of this review. The pain was assessed at the end of the treatment. Patients were followed for 6 weeks.')
    const translation = nl('Een kuur van 10 tot 12 behandelingen in 8 weken wordt door de auteurs van dit overzicht aangeraden. De pijn werd gemeten aan het einde van de behandeling en patiënten werden 6 weken gevolgd.')
    const segments = alignSentences(original, translation)
    expect(segments).toHaveLength(2)
    expect(segments[0]!.translation).toContain('10 tot 12')
    expect(segments[1]!.original).toBe('The pain was assessed at the end of the treatment. Patients were followed for 6 weeks.')
    expect(segments.map((s) => s.translation).join(' ')).toBe(translation.map((s) => s.text).join(' '))
  })

  it('leaves every segment new when there is no translation', () => {
    expect(alignSentences(en('One. Two.'), []).map((s) => s.status)).toEqual(['new', 'new'])
  })
})
