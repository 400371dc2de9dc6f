// Imported posts and comments into the archive, idempotent by their ids on the site: a resumed import skips what it has.
import { randomUUID } from 'node:crypto'
import { ArticleFields, type ArticleStatus } from '../../../shared/articles'
import type { CommentStatus } from '../../../shared/comments'
import type { Archive } from '../../archive'
import { slugify } from '../../archive'
import { ApiError } from '../../../shared/errors'
import { commentText, decodeHtmlEntities, htmlToDoc, textDoc } from './html-to-doc'

export interface ImportedPost {
  remoteId: string
  title: string
  html: string
  excerptHtml: string
  slug: string
  /** WordPress status: publish, future, draft, pending, private. */
  status: string
  /** WordPress's modified_gmt, as its REST API writes it (YYYY-MM-DDTHH:MM:SS). */
  modifiedGmt: string | null
  link: string | null
  categoryPaths: string[][]
  tags: string[]
}

export interface ImportedComment {
  remoteId: string
  postRemoteId: string
  parentRemoteId: string | null
  author: string
  email: string
  /** ISO instant. */
  postedAt: string
  html: string
  status: CommentStatus
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const articleStatus = (wp: string): ArticleStatus => (wp === 'publish' ? 'published' : wp === 'future' ? 'scheduled' : 'draft')

/** WordPress's "2020-01-02 03:04:05" (UTC) as an ISO instant; null for its zero date. */
export function wpDate(text: string | null | undefined): string | null {
  if (!text || text.startsWith('0000')) return null
  const iso = `${text.trim().replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z'}`
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

export class ImportWriter {
  private readonly findPost
  private readonly findComment
  private readonly mapPost
  private readonly mapComment
  private readonly addComment
  /**
   * Comments arrive grouped by post: the last post's article without a lookup per comment, whether it was added just
   * now (then none of its comments can be known yet), and its comments' ids for their replies.
   */
  private lastPost: { remoteId: string; articleId: string | undefined; fresh: boolean; comments: Map<string, string> } = {
    remoteId: '',
    articleId: undefined,
    fresh: false,
    comments: new Map(),
  }

  constructor(
    private readonly archive: Archive,
    private readonly siteId: string,
    private readonly language: 'nl' | 'en' = 'nl',
  ) {
    const db = archive.db
    this.findPost = db.prepare('SELECT article_id FROM remote_articles WHERE site_id = ? AND remote_id = ?').pluck()
    this.findComment = db.prepare('SELECT comment_id FROM remote_comments WHERE site_id = ? AND remote_id = ?').pluck()
    this.mapPost = db.prepare(
      `INSERT INTO remote_articles (site_id, article_id, remote_id, remote_url, remote_modified, remote_status, revision_id, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.mapComment = db.prepare('INSERT INTO remote_comments (site_id, comment_id, remote_id) VALUES (?, ?, ?)')
    // The comments table of schema 1, written with one prepared statement: an import brings 100,000 of them.
    this.addComment = db.prepare(
      `INSERT INTO comments (id, article_id, parent_id, author_name, author_email, status, posted_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
  }

  /** Adds the post as an article unless it was imported before; returns whether it was added. */
  post(post: ImportedPost): boolean {
    if (this.findPost.get(this.siteId, post.remoteId)) return false
    const title = decodeHtmlEntities(post.title).trim().slice(0, 500)
    let slug = post.slug
    try {
      slug = decodeURIComponent(slug)
    } catch {
      // A slug that is not valid percent-encoding is used as it is.
    }
    if (!slugPattern.test(slug) || slug.length > 200) slug = slugify(slug || title)
    const path = post.categoryPaths.find((p) => p.length) ?? []
    const fields = (doc: ArticleFields['doc']) => ArticleFields.parse({
      title,
      slug,
      language: this.language,
      status: articleStatus(post.status),
      categoryPath: path.slice(0, 10).map((c) => c.slice(0, 200)),
      tags: [...new Set(post.tags.map((t) => t.trim().slice(0, 100)).filter(Boolean))].slice(0, 100),
      excerpt: commentText(post.excerptHtml).slice(0, 5000),
      doc,
    })
    let article
    try {
      // The archive checks the document against the schema as it inserts it.
      article = this.archive.articles.insert(fields(htmlToDoc(post.html, false)), 'imported')
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'invalid-input') throw error
      article = this.archive.articles.insert(fields(textDoc(post.html)), 'imported')
    }
    this.mapPost.run(this.siteId, article.id, post.remoteId, post.link, post.modifiedGmt, post.status, article.revisionId, new Date().toISOString())
    this.lastPost = { remoteId: post.remoteId, articleId: article.id, fresh: true, comments: new Map() }
    return true
  }

  /** Adds the comment under its post's article unless it was imported before (or its post was not imported). */
  comment(comment: ImportedComment): 'added' | 'known' | 'orphan' {
    if (this.lastPost.remoteId !== comment.postRemoteId)
      this.lastPost = { remoteId: comment.postRemoteId, articleId: this.findPost.get(this.siteId, comment.postRemoteId) as string | undefined, fresh: false, comments: new Map() }
    const post = this.lastPost
    if (!post.fresh && this.findComment.get(this.siteId, comment.remoteId)) return 'known'
    const articleId = post.articleId
    if (!articleId) return 'orphan'
    const parentRemote = comment.parentRemoteId
    const parentId = parentRemote ? (post.comments.get(parentRemote) ?? (this.findComment.get(this.siteId, parentRemote) as string | undefined) ?? null) : null
    const id = randomUUID()
    const author = decodeHtmlEntities(comment.author).trim().slice(0, 200)
    this.addComment.run(id, articleId, parentId, author, comment.email.slice(0, 200), comment.status, comment.postedAt, commentText(comment.html))
    this.mapComment.run(this.siteId, id, comment.remoteId)
    post.comments.set(comment.remoteId, id)
    return 'added'
  }
}

export const commentStatus = (approved: string): CommentStatus | null =>
  approved === '1' || approved === 'approved' || approved === 'approve'
    ? 'approved'
    : approved === '0' || approved === 'hold' || approved === 'unapproved'
      ? 'pending'
      : approved === 'spam'
        ? 'spam'
        : approved === 'trash'
          ? 'trash'
          : null
