// Schema 1: articles, revisions, the search index, settings, and the first tables for sources and comments.
import type { Migration } from './index'

export const base: Migration = {
  version: 1,
  name: 'articles, revisions, search index, settings, sources, comments',
  up(db) {
    db.exec(`
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        slug TEXT UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
        status TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'scheduled', 'published', 'archived')),
        category_path TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        excerpt TEXT NOT NULL DEFAULT '',
        doc TEXT NOT NULL,
        word_count INTEGER NOT NULL DEFAULT 0,
        revision_id INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX articles_updated ON articles (updated_at DESC);
      CREATE INDEX articles_status_updated ON articles (status, updated_at DESC);

      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('created', 'edited', 'restored', 'imported')),
        restored_from INTEGER REFERENCES revisions (id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        -- The article's fields as deflated JSON: revisions are many and rarely read.
        fields BLOB NOT NULL
      );
      CREATE INDEX revisions_article ON revisions (article_id, id DESC);

      -- The index keeps its own copy of the text so snippet() can quote it. The status is a column too,
      -- so a search within one status is an index intersection rather than a lookup per match.
      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, body, status,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      -- A word in the title says more about an article than the same word in its body.
      INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 0.0)');
      -- The index's own word list, to complete a long prefix into the words it stands for.
      CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, 'row');

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        csl TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE article_sources (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
        position INTEGER NOT NULL,
        PRIMARY KEY (article_id, source_id)
      );

      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        parent_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
        author_name TEXT NOT NULL,
        author_email TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
        posted_at TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX comments_article ON comments (article_id, posted_at);
    `)
  },
}
