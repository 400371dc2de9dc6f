// Articles and their revisions: every save is one transaction over the article row, a revision and the search index.
import { randomUUID } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Database } from 'better-sqlite3'
import {
  ArticleFields,
  type Article,
  type ArticleListItem,
  type FindArticlesResult,
  type Revision,
  type RevisionReason,
  type RevisionSummary,
  type SaveArticleInput,
  type SaveArticleResult,
  type StatusFilter,
} from '../../shared/articles'
import { ApiError } from '../../shared/errors'
import { countWords, documentText, emptyDocument, parseDocument } from '../../shared/document'
import { parseQuery } from './query'
import { ArticleIndex } from './search'
import { slugify } from './slug'

interface ArticleRow {
  seq: number
  id: string
  slug: string | null
  title: string
  language: string
  status: string
  category_path: string
  tags: string
  excerpt: string
  doc: string
  word_count: number
  revision_id: number
  created_at: string
  updated_at: string
}

const listColumns = 'a.id, a.title, a.slug, a.status, a.language, a.word_count, a.updated_at'
type ListRow = Pick<ArticleRow, 'id' | 'title' | 'slug' | 'status' | 'language' | 'word_count' | 'updated_at'>

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug ?? '',
    language: row.language as Article['language'],
    status: row.status as Article['status'],
    categoryPath: JSON.parse(row.category_path),
    tags: JSON.parse(row.tags),
    excerpt: row.excerpt,
    doc: JSON.parse(row.doc),
    wordCount: row.word_count,
    revisionId: row.revision_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

const toListItem = (row: ListRow): ArticleListItem => ({
  id: row.id,
  title: row.title,
  slug: row.slug ?? '',
  status: row.status as ArticleListItem['status'],
  language: row.language as ArticleListItem['language'],
  wordCount: row.word_count,
  updatedAt: row.updated_at,
})

const fieldsOf = (a: Article): ArticleFields => ({
  title: a.title,
  slug: a.slug,
  language: a.language,
  status: a.status,
  categoryPath: a.categoryPath,
  tags: a.tags,
  excerpt: a.excerpt,
  doc: a.doc,
})

export class ArticleStore {
  private readonly index: ArticleIndex

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.index = new ArticleIndex(db)
  }

  get(id: string): Article {
    const row = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined
    if (!row) throw new ApiError('not-found', `There is no article ${id}.`)
    return toArticle(row)
  }

  /** Finds an article by id or by slug, as the CLI accepts either. */
  resolve(idOrSlug: string): Article {
    const row = this.db.prepare('SELECT * FROM articles WHERE id = ? OR slug = ?').get(idOrSlug, idOrSlug) as ArticleRow | undefined
    if (!row) throw new ApiError('not-found', `There is no article with id or slug "${idOrSlug}".`)
    return toArticle(row)
  }

  create(input: { title: string; language: 'nl' | 'en' }): Article {
    const fields = ArticleFields.parse({
      title: input.title,
      slug: '',
      language: input.language,
      status: 'draft',
      categoryPath: [],
      tags: [],
      excerpt: '',
      doc: emptyDocument(),
    })
    return this.insert(fields, 'created')
  }

  /** Adds a whole article at once (new drafts, the demo archive, imports), with its first revision. */
  insert(input: ArticleFields, reason: RevisionReason = 'imported', id: string = randomUUID()): Article {
    const fields = ArticleFields.parse(input)
    parseDocument(fields.doc)
    const text = documentText(fields.doc)
    const at = this.now().toISOString()
    return this.db.transaction(() => {
      const slug = this.freeSlug(fields.slug || slugify(fields.title), id)
      const stored = { ...fields, slug }
      const words = countWords(`${fields.title}\n${text}`)
      const seq = this.db
        .prepare(
          `INSERT INTO articles (id, slug, title, language, status, category_path, tags, excerpt, doc, word_count, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, slug || null, fields.title, fields.language, fields.status, JSON.stringify(fields.categoryPath),
          JSON.stringify(fields.tags), fields.excerpt, JSON.stringify(fields.doc), words, at, at).lastInsertRowid
      const revisionId = this.addRevision(id, stored, words, reason, null, at)
      this.db.prepare('UPDATE articles SET revision_id = ? WHERE id = ?').run(revisionId, id)
      this.index.put(Number(seq), fields.title, text, fields.status)
      return this.get(id)
    }).immediate()
  }

  save(input: SaveArticleInput): SaveArticleResult {
    const { id, baseRevisionId, ...rest } = input
    const fields = ArticleFields.parse(rest)
    parseDocument(fields.doc)
    const text = documentText(fields.doc)
    const words = countWords(`${fields.title}\n${text}`)
    return this.db.transaction((): SaveArticleResult => {
      const current = this.get(id)
      if (current.revisionId !== baseRevisionId)
        throw new ApiError('conflict', `Article ${id} changed since revision ${baseRevisionId}; it is at ${current.revisionId}.`, {
          currentRevisionId: current.revisionId,
        })
      const warnings: SaveArticleResult['warnings'] = []
      let slug = fields.slug
      if (slug && slug !== current.slug && this.slugOwner(slug, id)) {
        slug = current.slug
        warnings.push('slug-taken')
      }
      const stored = { ...fields, slug }
      // An edit that ends where it started (typed, then undone) is not a new revision.
      if (JSON.stringify(stored) === JSON.stringify(fieldsOf(current))) return { article: current, warnings }
      this.write(id, stored, text, words, 'edited', null)
      return { article: this.get(id), warnings }
    }).immediate()
  }

  restore(articleId: string, revisionId: number): Article {
    return this.db.transaction(() => {
      const revision = this.revision(revisionId)
      if (revision.articleId !== articleId)
        throw new ApiError('invalid-input', `Revision ${revisionId} belongs to another article.`)
      this.get(articleId)
      const slug = revision.fields.slug && this.slugOwner(revision.fields.slug, articleId) ? '' : revision.fields.slug
      const fields = { ...revision.fields, slug }
      const text = documentText(fields.doc)
      this.write(articleId, fields, text, countWords(`${fields.title}\n${text}`), 'restored', revisionId)
      return this.get(articleId)
    }).immediate()
  }

  revisions(articleId: string, limit = 500): RevisionSummary[] {
    this.get(articleId)
    const rows = this.db
      .prepare(
        `SELECT id, article_id, created_at, reason, restored_from, title, word_count FROM revisions
         WHERE article_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(articleId, limit) as RevisionRow[]
    return rows.map(toRevisionSummary)
  }

  revision(id: number): Revision {
    const row = this.db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as (RevisionRow & { fields: Buffer }) | undefined
    if (!row) throw new ApiError('not-found', `There is no revision ${id}.`)
    return { ...toRevisionSummary(row), fields: ArticleFields.parse(JSON.parse(inflateRawSync(row.fields).toString('utf8'))) }
  }

  find(input: { query: string; status: StatusFilter; limit: number; offset: number }): FindArticlesResult {
    const query = parseQuery(input.query)
    if (!query) {
      const rows = this.db
        .prepare(`SELECT ${listColumns} FROM articles a ${input.status === 'all' ? '' : 'WHERE a.status = @status'}
                  ORDER BY a.updated_at DESC LIMIT @limit OFFSET @offset`)
        .all(input) as ListRow[]
      const counts: Record<StatusFilter, number> = { all: 0, draft: 0, ready: 0, scheduled: 0, published: 0, archived: 0 }
      for (const row of this.db.prepare('SELECT status, count(*) AS n FROM articles GROUP BY status').all() as { status: StatusFilter; n: number }[]) {
        counts[row.status] = row.n
        counts.all += row.n
      }
      return { items: rows.map(toListItem), total: counts[input.status], totalIsLowerBound: false, counts }
    }
    const page = this.index.search(query, input.status, input.limit, input.offset)
    const rows = this.db
      .prepare(`SELECT ${listColumns}, a.seq FROM articles a WHERE a.seq IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(page.hits.map((h) => h.seq))) as (ListRow & { seq: number })[]
    const bySeq = new Map(rows.map((r) => [r.seq, r]))
    const items = page.hits.flatMap((hit) => {
      const row = bySeq.get(hit.seq)
      return row ? [{ ...toListItem(row), titleHighlight: hit.title, snippet: hit.snippet }] : []
    })
    return { items, total: page.total, totalIsLowerBound: page.totalIsLowerBound, counts: page.counts }
  }

  private write(id: string, fields: ArticleFields, text: string, words: number, reason: RevisionReason, restoredFrom: number | null) {
    const at = this.now().toISOString()
    const revisionId = this.addRevision(id, fields, words, reason, restoredFrom, at)
    const { seq } = this.db
      .prepare(
        `UPDATE articles SET slug = ?, title = ?, language = ?, status = ?, category_path = ?, tags = ?, excerpt = ?, doc = ?,
         word_count = ?, revision_id = ?, updated_at = ? WHERE id = ? RETURNING seq`,
      )
      .get(fields.slug || null, fields.title, fields.language, fields.status, JSON.stringify(fields.categoryPath),
        JSON.stringify(fields.tags), fields.excerpt, JSON.stringify(fields.doc), words, revisionId, at, id) as { seq: number }
    this.index.put(seq, fields.title, text, fields.status)
  }

  private addRevision(id: string, fields: ArticleFields, words: number, reason: RevisionReason, restoredFrom: number | null, at: string): number {
    return Number(
      this.db
        .prepare('INSERT INTO revisions (article_id, created_at, reason, restored_from, title, word_count, fields) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, at, reason, restoredFrom, fields.title, words, deflateRawSync(JSON.stringify(fields))).lastInsertRowid,
    )
  }

  private slugOwner(slug: string, exceptId: string): string | undefined {
    const row = this.db.prepare('SELECT id FROM articles WHERE slug = ? AND id <> ?').get(slug, exceptId) as { id: string } | undefined
    return row?.id
  }

  /** The slug itself, or with -2, -3 … appended when another article has it already. */
  private freeSlug(base: string, id: string): string {
    if (!base) return ''
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base.slice(0, 195)}-${n}`
      if (!this.slugOwner(candidate, id)) return candidate
    }
  }
}

interface RevisionRow {
  id: number
  article_id: string
  created_at: string
  reason: string
  restored_from: number | null
  title: string
  word_count: number
}

const toRevisionSummary = (row: RevisionRow): RevisionSummary => ({
  id: row.id,
  articleId: row.article_id,
  createdAt: row.created_at,
  reason: row.reason as RevisionReason,
  restoredFrom: row.restored_from,
  title: row.title,
  wordCount: row.word_count,
})
