// Sources an article draws on and the reader comments on it, as far as the skeleton keeps them.
import type { Database } from 'better-sqlite3'
import { CslItem, type Source } from '../../shared/citations'
import type { CommentRecord, CommentStatus } from '../../shared/comments'

export class LibraryStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  addSource(csl: CslItem): Source {
    const item = CslItem.parse(csl)
    const at = this.now().toISOString()
    this.db
      .prepare('INSERT INTO sources (id, csl, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET csl = excluded.csl, updated_at = excluded.updated_at')
      .run(item.id, JSON.stringify(item), at, at)
    return { id: item.id, csl: item }
  }

  linkSource(articleId: string, sourceId: string): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO article_sources (article_id, source_id, position)
         VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM article_sources WHERE article_id = ?))`,
      )
      .run(articleId, sourceId, articleId)
  }

  sourcesOf(articleId: string): Source[] {
    const rows = this.db
      .prepare('SELECT s.id, s.csl FROM article_sources x JOIN sources s ON s.id = x.source_id WHERE x.article_id = ? ORDER BY x.position')
      .all(articleId) as { id: string; csl: string }[]
    return rows.map((r) => ({ id: r.id, csl: CslItem.parse(JSON.parse(r.csl)) }))
  }

  addComment(comment: CommentRecord & { authorEmail?: string }): void {
    this.db
      .prepare(
        `INSERT INTO comments (id, article_id, parent_id, author_name, author_email, status, posted_at, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(comment.id, comment.articleId, comment.parentId, comment.authorName, comment.authorEmail ?? '', comment.status,
        comment.postedAt, comment.text)
  }

  commentsOf(articleId: string): CommentRecord[] {
    const rows = this.db
      .prepare('SELECT id, article_id, parent_id, author_name, status, posted_at, body FROM comments WHERE article_id = ? ORDER BY posted_at, id')
      .all(articleId) as { id: string; article_id: string; parent_id: string | null; author_name: string; status: CommentStatus; posted_at: string; body: string }[]
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      parentId: r.parent_id,
      authorName: r.author_name,
      status: r.status,
      postedAt: r.posted_at,
      text: r.body,
    }))
  }
}
