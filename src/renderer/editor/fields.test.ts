import { describe, expect, it } from 'vitest'
import { ArticleFields } from '../../shared/articles'
import { draftOf, fieldsForSave, parseCategory, parseTags } from './fields'

const doc = { type: 'doc' as const, content: [] }

describe('the article form', () => {
  it('turns typed tags and category paths into lists the archive accepts', () => {
    expect(parseTags(' acupunctuur, , Lage rugpijn,acupunctuur ,ACUPUNCTUUR ')).toEqual(['acupunctuur', 'Lage rugpijn'])
    expect(parseCategory('Behandelwijzen /  Acupunctuur / ')).toEqual(['Behandelwijzen', 'Acupunctuur'])
    expect(parseTags('x'.repeat(300))[0]).toHaveLength(100)
    expect(parseTags(Array.from({ length: 150 }, (_, i) => `t${i}`).join(','))).toHaveLength(100)
  })

  it('never sends a slug the archive would refuse, so the text is always saved', () => {
    const draft = { ...draftOf({ title: 'T', slug: 'oud', language: 'nl', status: 'draft', categoryPath: [], tags: [], excerpt: '', doc }), slug: 'Half Getypt' }
    const fields = fieldsForSave(draft, doc, 'oud')
    expect(fields.slug).toBe('oud')
    expect(ArticleFields.safeParse(fields).success).toBe(true)
    expect(fieldsForSave({ ...draft, slug: 'nieuw-2' }, doc, 'oud').slug).toBe('nieuw-2')
    expect(fieldsForSave({ ...draft, slug: '' }, doc, 'oud').slug).toBe('')
  })

  it('round-trips the stored fields through the form', () => {
    const stored = { title: 'T', slug: 's', language: 'en' as const, status: 'ready' as const, categoryPath: ['A', 'B'], tags: ['x', 'y z'], excerpt: 'E', doc }
    expect(fieldsForSave(draftOf(stored), doc, 's')).toEqual(stored)
  })
})
