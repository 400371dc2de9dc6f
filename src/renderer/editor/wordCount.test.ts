import { describe, expect, it } from 'vitest'
import { countWords, documentSchema, documentText } from '../../shared/document'
import { documentWords } from './wordCount'
import type { DocumentJson } from '../../shared/articles'

const json: DocumentJson = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: "De patiënt's nep-acupunctuur werkt" }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one two' }, { type: 'hardBreak' }, { type: 'text', text: 'three' }] }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'vier' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'vijf' }] }] }] },
  ],
}

describe('documentWords', () => {
  it('counts like the archive does, block by block', () => {
    const doc = documentSchema().nodeFromJSON(json)
    expect(documentWords(doc)).toBe(countWords(documentText(json)))
    expect(documentWords(doc)).toBe(9)
  })

  it('sees a change in one block', () => {
    const doc = documentSchema().nodeFromJSON(json)
    documentWords(doc)
    const edited = doc.replace(1, 1, doc.slice(1, 4))
    expect(documentWords(edited)).not.toBe(documentWords(doc))
    expect(documentWords(edited)).toBe(countWords(documentText(edited.toJSON())))
  })
})
