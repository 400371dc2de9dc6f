// Schema 5: comment moderation — shown HTML, the status on the site, full-text search, edits with a note, sync marks.
import type { Migration } from './index'

/**
 * What "the same text" is for the repeated-text hint: the text without any white space, lowercased, its first 160
 * characters and its length. SQLite computes it, so every writer (sync, import, the demo seed) keeps it true.
 */
const squeezed = `replace(replace(replace(replace(body, ' ', ''), char(10), ''), char(13), ''), char(9), '')`

export const comments: Migration = {
  version: 5,
  name: 'comment moderation: html, site status, search index, edits, sync marks',
  up(db) {
    db.exec(`
      -- Sanitized HTML as shown; '' for comments that came as plain text (the seed, imports): shown from body.
      ALTER TABLE comments ADD COLUMN html TEXT NOT NULL DEFAULT '';
      ALTER TABLE comments ADD COLUMN by_editor INTEGER NOT NULL DEFAULT 0;
      -- The status the site had when Kopij last heard from it; NULL for a comment that is only in Kopij.
      ALTER TABLE comments ADD COLUMN site_status TEXT CHECK (site_status IN ('pending', 'approved', 'spam', 'trash'));
      ALTER TABLE comments ADD COLUMN updated_at TEXT;
      -- Deleted by the editor, waiting for the site to delete it too (then the row goes).
      ALTER TABLE comments ADD COLUMN deleted_at TEXT;
      ALTER TABLE comments ADD COLUMN text_key TEXT GENERATED ALWAYS AS (length(${squeezed}) || ':' || lower(substr(${squeezed}, 1, 160))) VIRTUAL;

      CREATE INDEX comments_status_posted ON comments (status, posted_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX comments_posted ON comments (posted_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX comments_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX comments_email ON comments (author_email COLLATE NOCASE, status) WHERE author_email <> '';
      CREATE INDEX comments_author ON comments (author_name COLLATE NOCASE, status);
      CREATE INDEX comments_text_key ON comments (text_key);

      -- Searching comments: the author and the text, indexed from the comments table itself (no second copy).
      CREATE VIRTUAL TABLE comments_fts USING fts5 (
        author_name, body,
        content = 'comments', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
        INSERT INTO comments_fts (rowid, author_name, body) VALUES (new.rowid, new.author_name, new.body);
      END;
      CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
        INSERT INTO comments_fts (comments_fts, rowid, author_name, body) VALUES ('delete', old.rowid, old.author_name, old.body);
      END;
      CREATE TRIGGER comments_fts_update AFTER UPDATE OF author_name, body ON comments BEGIN
        INSERT INTO comments_fts (comments_fts, rowid, author_name, body) VALUES ('delete', old.rowid, old.author_name, old.body);
        INSERT INTO comments_fts (rowid, author_name, body) VALUES (new.rowid, new.author_name, new.body);
      END;
      INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');

      -- What the site said of a comment when Kopij last read it, and its parent there until the parent arrives too.
      ALTER TABLE remote_comments ADD COLUMN remote_status TEXT;
      ALTER TABLE remote_comments ADD COLUMN remote_modified TEXT;
      ALTER TABLE remote_comments ADD COLUMN remote_parent_id TEXT;
      ALTER TABLE remote_comments ADD COLUMN remote_url TEXT;
      CREATE INDEX remote_comments_parent ON remote_comments (site_id, remote_parent_id) WHERE remote_parent_id IS NOT NULL;
      CREATE INDEX remote_comments_comment ON remote_comments (comment_id);

      -- An editor's change of a comment's text, with the note of why; the first text stays readable.
      CREATE TABLE comment_edits (
        id INTEGER PRIMARY KEY,
        comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        before_html TEXT NOT NULL,
        after_html TEXT NOT NULL,
        note TEXT NOT NULL
      );
      CREATE INDEX comment_edits_comment ON comment_edits (comment_id, id);

      -- How far each site's comments were read: the next sync asks only for what changed after it.
      CREATE TABLE comment_sync (
        site_id TEXT PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
        mark TEXT,
        synced_at TEXT NOT NULL,
        result TEXT NOT NULL DEFAULT '{}'
      );

      -- A comment's latest outbox item (what the queue shows as its delivery) without a scan.
      CREATE INDEX outbox_comment ON outbox (comment_id, seq) WHERE comment_id IS NOT NULL;
    `)
  },
}
