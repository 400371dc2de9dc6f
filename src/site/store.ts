// The reference site's data: articles, comments, bearer tokens and idempotency keys in one SQLite file.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type SiteArticleStatus = 'published' | 'draft' | 'scheduled' | 'unpublished'
export type SiteCommentStatus = 'pending' | 'approved' | 'spam' | 'trash'

export interface SiteArticle {
  id: string
  slug: string
  title: string
  html: string
  excerpt: string
  language: string
  categories: string[][]
  tags: string[]
  status: SiteArticleStatus
  publishAt: string | null
  version: number
  etag: string
  createdAt: string
  modifiedAt: string
  url: string
}

export interface SiteComment {
  id: string
  articleId: string
  parentId: string | null
  authorName: string
  /** Visitors' addresses, for the editors who moderate (the API needs a token); never on a page. */
  authorEmail: string
  text: string
  status: SiteCommentStatus
  byEditor: boolean
  postedAt: string
  modifiedAt: string
}

interface ArticleRow {
  id: string
  slug: string
  title: string
  html: string
  excerpt: string
  language: string
  categories: string
  tags: string
  status: SiteArticleStatus
  publish_at: string | null
  version: number
  created_at: string
  modified_at: string
  seq: number
}

interface CommentRow {
  id: string
  article_id: string
  parent_id: string | null
  author_name: string
  author_email: string
  text: string
  status: SiteCommentStatus
  by_editor: number
  posted_at: string
  modified_at: string
  seq: number
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export class SiteStore {
  readonly db: Database.Database
  private seq: number

  constructor(
    dataDir: string,
    private readonly origin: () => string,
  ) {
    fs.mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, 'site.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL, html TEXT NOT NULL, excerpt TEXT NOT NULL,
        language TEXT NOT NULL, categories TEXT NOT NULL, tags TEXT NOT NULL, status TEXT NOT NULL, publish_at TEXT,
        version INTEGER NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL, seq INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS articles_seq ON articles (seq);
      CREATE TABLE IF NOT EXISTS comments (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles (id), parent_id TEXT, author_name TEXT NOT NULL,
        author_email TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, status TEXT NOT NULL, by_editor INTEGER NOT NULL DEFAULT 0,
        posted_at TEXT NOT NULL, modified_at TEXT NOT NULL, seq INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS comments_status_seq ON comments (status, seq);
      CREATE INDEX IF NOT EXISTS comments_article ON comments (article_id, posted_at);
      CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, name TEXT NOT NULL);
      -- An answer kept per Idempotency-Key, so a retried request gets the first answer instead of acting twice.
      CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
      -- Every creation of an article, for tests that count duplicates.
      CREATE TABLE IF NOT EXISTS creations (article_id TEXT NOT NULL, at TEXT NOT NULL);
    `)
    this.seq = (this.db.prepare('SELECT max(s) AS s FROM (SELECT max(seq) AS s FROM articles UNION ALL SELECT max(seq) FROM comments)').get() as { s: number | null }).s ?? 0
  }

  nextSeq = () => ++this.seq

  /** A new bearer token (only its hash is stored); returns the token. */
  addToken(name: string, token = randomBytes(24).toString('base64url')): string {
    this.db.prepare('INSERT OR REPLACE INTO tokens (hash, name) VALUES (?, ?)').run(hashToken(token), name)
    return token
  }

  tokenName(token: string): string | undefined {
    return (this.db.prepare('SELECT name FROM tokens WHERE hash = ?').get(hashToken(token)) as { name: string } | undefined)?.name
  }

  toArticle(row: ArticleRow): SiteArticle {
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      html: row.html,
      excerpt: row.excerpt,
      language: row.language,
      categories: JSON.parse(row.categories),
      tags: JSON.parse(row.tags),
      status: row.status,
      publishAt: row.publish_at,
      version: row.version,
      etag: `"${row.version}"`,
      createdAt: row.created_at,
      modifiedAt: row.modified_at,
      url: `${this.origin()}/${encodeURIComponent(row.slug)}/`,
    }
  }

  article(id: string): SiteArticle | undefined {
    const row = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined
    return row ? this.toArticle(row) : undefined
  }

  articleBySlug(slug: string): SiteArticle | undefined {
    const row = this.db.prepare('SELECT * FROM articles WHERE slug = ?').get(slug) as ArticleRow | undefined
    return row ? this.toArticle(row) : undefined
  }

  slugOwner(slug: string): string | undefined {
    return (this.db.prepare('SELECT id FROM articles WHERE slug = ?').get(slug) as { id: string } | undefined)?.id
  }

  /** Writes an article (insert or replace) and returns it. */
  putArticle(input: Omit<SiteArticle, 'version' | 'etag' | 'createdAt' | 'modifiedAt' | 'url'>, now: string): { article: SiteArticle; created: boolean } {
    const current = this.article(input.id)
    const version = (current?.version ?? 0) + 1
    this.db
      .prepare(
        `INSERT INTO articles (id, slug, title, html, excerpt, language, categories, tags, status, publish_at, version, created_at, modified_at, seq)
         VALUES (@id, @slug, @title, @html, @excerpt, @language, @categories, @tags, @status, @publishAt, @version, @now, @now, @seq)
         ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, title = excluded.title, html = excluded.html, excerpt = excluded.excerpt,
           language = excluded.language, categories = excluded.categories, tags = excluded.tags, status = excluded.status,
           publish_at = excluded.publish_at, version = excluded.version, modified_at = excluded.modified_at, seq = excluded.seq`,
      )
      .run({ ...input, categories: JSON.stringify(input.categories), tags: JSON.stringify(input.tags), version, now, seq: this.nextSeq() })
    if (!current) this.db.prepare('INSERT INTO creations (article_id, at) VALUES (?, ?)').run(input.id, now)
    return { article: this.article(input.id)!, created: !current }
  }

  setArticleStatus(id: string, status: SiteArticleStatus, now: string): SiteArticle {
    this.db.prepare('UPDATE articles SET status = ?, version = version + 1, modified_at = ?, seq = ? WHERE id = ?').run(status, now, this.nextSeq(), id)
    return this.article(id)!
  }

  changedArticles(since: string | null, after: number, limit: number): { items: SiteArticle[]; next: number | null } {
    const rows = this.db
      .prepare('SELECT * FROM articles WHERE seq > ? AND (? IS NULL OR modified_at >= ?) ORDER BY seq LIMIT ?')
      .all(after, since, since, limit + 1) as ArticleRow[]
    const page = rows.slice(0, limit)
    return { items: page.map((r) => this.toArticle(r)), next: rows.length > limit ? page[page.length - 1]!.seq : null }
  }

  /** What readers see: published articles, and scheduled ones whose time has come. */
  visibleArticles(now: string): SiteArticle[] {
    return (this.db
      .prepare(`SELECT * FROM articles WHERE status = 'published' OR (status = 'scheduled' AND publish_at <= ?) ORDER BY coalesce(publish_at, created_at) DESC LIMIT 200`)
      .all(now) as ArticleRow[]).map((r) => this.toArticle(r))
  }

  toComment = (row: CommentRow): SiteComment => ({
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    text: row.text,
    status: row.status,
    byEditor: row.by_editor === 1,
    postedAt: row.posted_at,
    modifiedAt: row.modified_at,
  })

  comment(id: string): SiteComment | undefined {
    const row = this.db.prepare('SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined
    return row ? this.toComment(row) : undefined
  }

  comments(filter: { status?: SiteCommentStatus; since?: string | null; articleId?: string; after: number; limit: number }): { items: SiteComment[]; next: number | null } {
    const rows = this.db
      .prepare(
        `SELECT * FROM comments WHERE seq > @after AND (@status IS NULL OR status = @status) AND (@since IS NULL OR modified_at >= @since)
         AND (@articleId IS NULL OR article_id = @articleId) ORDER BY seq LIMIT @limit`,
      )
      .all({ after: filter.after, status: filter.status ?? null, since: filter.since ?? null, articleId: filter.articleId ?? null, limit: filter.limit + 1 }) as CommentRow[]
    const page = rows.slice(0, filter.limit)
    return { items: page.map(this.toComment), next: rows.length > filter.limit ? page[page.length - 1]!.seq : null }
  }

  addComment(comment: Omit<SiteComment, 'modifiedAt' | 'authorEmail'> & { authorEmail?: string }): SiteComment {
    this.db
      .prepare(
        `INSERT INTO comments (id, article_id, parent_id, author_name, author_email, text, status, by_editor, posted_at, modified_at, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(comment.id, comment.articleId, comment.parentId, comment.authorName, comment.authorEmail ?? '', comment.text, comment.status,
        comment.byEditor ? 1 : 0, comment.postedAt, comment.postedAt, this.nextSeq())
    return this.comment(comment.id)!
  }

  setCommentStatus(id: string, status: SiteCommentStatus, now: string): SiteComment {
    this.db.prepare('UPDATE comments SET status = ?, modified_at = ?, seq = ? WHERE id = ?').run(status, now, this.nextSeq(), id)
    return this.comment(id)!
  }

  setCommentText(id: string, text: string, now: string): SiteComment {
    this.db.prepare('UPDATE comments SET text = ?, modified_at = ?, seq = ? WHERE id = ?').run(text, now, this.nextSeq(), id)
    return this.comment(id)!
  }

  /** Deletes a comment for good; its replies move up to its parent, as WordPress moves them. */
  deleteComment(id: string): void {
    const parent = this.comment(id)?.parentId ?? null
    this.db.prepare('UPDATE comments SET parent_id = ? WHERE parent_id = ?').run(parent, id)
    this.db.prepare('DELETE FROM comments WHERE id = ?').run(id)
  }

  approvedComments(articleId: string): SiteComment[] {
    return (this.db.prepare(`SELECT * FROM comments WHERE article_id = ? AND status = 'approved' ORDER BY posted_at, id`).all(articleId) as CommentRow[]).map(this.toComment)
  }

  remembered(key: string): { fingerprint: string; status: number; body: string } | undefined {
    return this.db.prepare('SELECT fingerprint, status, body FROM idempotency WHERE key = ?').get(key) as { fingerprint: string; status: number; body: string } | undefined
  }

  remember(key: string, fingerprint: string, status: number, body: string, now: string): void {
    this.db.prepare('INSERT OR REPLACE INTO idempotency (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)').run(key, fingerprint, status, body, now)
  }

  /** For tests: how many articles there are, and how many times each was created. */
  stats(): { articles: number; creations: number; duplicateCreations: number } {
    const articles = (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
    const creations = (this.db.prepare('SELECT count(*) AS n FROM creations').get() as { n: number }).n
    const duplicateCreations = (this.db.prepare('SELECT count(*) AS n FROM (SELECT article_id FROM creations GROUP BY article_id HAVING count(*) > 1)').get() as { n: number }).n
    return { articles, creations, duplicateCreations }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
