// Schema 3: sites, the outbox with its batches, what each site holds of Kopij's articles and comments, and imports.
import type { Migration } from './index'

export const publishing: Migration = {
  version: 3,
  name: 'sites, outbox, publish batches, remote ids, imports',
  up(db) {
    db.exec(`
      -- Secrets are not here: they live in the keychain (Electron) or a 0600 credentials file (CLI, harness).
      CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('wordpress', 'kopij-api')),
        base_url TEXT NOT NULL,
        username TEXT NOT NULL DEFAULT '',
        problem TEXT,
        last_test TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE publish_batches (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        action TEXT NOT NULL CHECK (action IN ('publish', 'unpublish')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX publish_batches_site ON publish_batches (site_id, created_at DESC);

      -- Every publish, update, unpublish, moderation decision and reply is a row here before anything is sent.
      -- seq orders the items; payload is the snapshot sent (rendered and sanitized when queued).
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        batch_id TEXT REFERENCES publish_batches (id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('article.publish', 'article.unpublish', 'comment.moderate', 'comment.reply')),
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        comment_id TEXT,
        -- An item that must be done first (an article before its comments).
        depends_on INTEGER REFERENCES outbox (seq) ON DELETE SET NULL,
        title TEXT NOT NULL DEFAULT '',
        revision_id INTEGER,
        remote_status TEXT,
        payload TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'failed', 'conflict')),
        attempts INTEGER NOT NULL DEFAULT 0,
        -- Counts server errors only: an unreachable site is waited for without limit.
        failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        -- A request may have reached the site without its answer reaching Kopij (crash, reset, timeout).
        outcome_unknown INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        conflict TEXT,
        remote_id TEXT,
        remote_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at) WHERE state IN ('queued', 'sending');
      CREATE INDEX outbox_site_article ON outbox (site_id, article_id, seq);
      CREATE INDEX outbox_batch ON outbox (batch_id, state);

      -- What a site holds of an article: its id there and the version Kopij last saw (for updates and conflicts).
      CREATE TABLE remote_articles (
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        remote_url TEXT,
        remote_modified TEXT,
        etag TEXT,
        remote_status TEXT,
        revision_id INTEGER,
        synced_at TEXT NOT NULL,
        PRIMARY KEY (site_id, article_id)
      );
      CREATE UNIQUE INDEX remote_articles_remote ON remote_articles (site_id, remote_id);

      CREATE TABLE remote_comments (
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        PRIMARY KEY (site_id, comment_id)
      );
      CREATE UNIQUE INDEX remote_comments_remote ON remote_comments (site_id, remote_id);

      -- Category and tag ids on a WordPress site, by path or name, so a batch does not look them up per post.
      CREATE TABLE remote_terms (
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        taxonomy TEXT NOT NULL,
        key TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        PRIMARY KEY (site_id, taxonomy, key)
      );

      CREATE TABLE imports (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('wxr', 'wordpress')),
        source TEXT NOT NULL,
        site_id TEXT REFERENCES sites (id) ON DELETE SET NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'done', 'failed', 'cancelled')),
        phase TEXT NOT NULL DEFAULT '',
        -- Where a resumed import goes on: committed in the same transaction as the chunk it follows.
        cursor TEXT NOT NULL DEFAULT '{}',
        counts TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `)
  },
}
