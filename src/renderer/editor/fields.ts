import { ArticleFields, type ArticleLanguage, type ArticleStatus, type DocumentJson } from '../../shared/articles'

/** The article's fields as the form holds them: lists as the text the editor types. */
export interface Draft {
  title: string
  slug: string
  language: ArticleLanguage
  status: ArticleStatus
  /** Category path as "Parent / Child". */
  category: string
  /** Tags separated by commas. */
  tags: string
  excerpt: string
}

export const categorySeparator = ' / '

export function draftOf(fields: ArticleFields): Draft {
  return {
    title: fields.title,
    slug: fields.slug,
    language: fields.language,
    status: fields.status,
    category: fields.categoryPath.join(categorySeparator),
    tags: fields.tags.join(', '),
    excerpt: fields.excerpt,
  }
}

const limits = { title: 500, excerpt: 5000, tag: 100, tags: 100, category: 200, categories: 10 } as const

function uniqueTrimmed(parts: string[], maxLength: number, maxCount: number): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of parts) {
    const part = raw.trim().replace(/\s+/g, ' ').slice(0, maxLength).trim()
    const key = part.toLocaleLowerCase()
    if (!part || seen.has(key)) continue
    seen.add(key)
    out.push(part)
    if (out.length === maxCount) break
  }
  return out
}

export const parseTags = (text: string): string[] => uniqueTrimmed(text.split(','), limits.tag, limits.tags)
export const parseCategory = (text: string): string[] =>
  text.split('/').map((p) => p.trim().replace(/\s+/g, ' ').slice(0, limits.category).trim()).filter(Boolean).slice(0, limits.categories)

export const isValidSlug = (slug: string): boolean => ArticleFields.shape.slug.safeParse(slug).success

/**
 * What a save sends: always something the archive accepts, so a half-typed slug never stops the text from being
 * saved. An invalid slug is replaced by the last one that was accepted (the form shows why).
 */
export function fieldsForSave(draft: Draft, doc: DocumentJson, acceptedSlug: string): ArticleFields {
  return {
    title: draft.title.slice(0, limits.title),
    slug: isValidSlug(draft.slug) ? draft.slug : acceptedSlug,
    language: draft.language,
    status: draft.status,
    categoryPath: parseCategory(draft.category),
    tags: parseTags(draft.tags),
    excerpt: draft.excerpt.slice(0, limits.excerpt),
    doc,
  }
}

export const fieldLimits = limits
