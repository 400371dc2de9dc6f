import { describe, expect, it } from 'vitest'
import { countWords, documentText, parseDocument } from '../src/shared/document'
import { generatedArticle, generatedDocument, random, typedText } from './generate'

describe('the bench generator', () => {
  it('writes exactly the asked number of words, in a document the schema accepts', () => {
    for (const count of [1, 57, 30_000]) {
      const doc = generatedDocument(random(count), count)
      expect(() => parseDocument(doc)).not.toThrow()
      expect(countWords(documentText(doc))).toBe(count)
    }
  })

  it('is the same for the same seed and different for another', () => {
    expect(generatedArticle(random(1), 200)).toEqual(generatedArticle(random(1), 200))
    expect(generatedArticle(random(1), 200)).not.toEqual(generatedArticle(random(2), 200))
  })

  it('types plain ASCII sentences of the asked length', () => {
    const text = typedText(random(3), 300)
    expect(text).toHaveLength(300)
    expect(text).toMatch(/^[\x20-\x7e]+$/)
    expect(text).toMatch(/^[A-Z][a-z]+ /)
  })
})
