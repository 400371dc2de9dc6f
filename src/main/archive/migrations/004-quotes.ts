// Schema 4: quotes and their segments, where articles use them, the translation memory and the glossary.
import type { Migration } from './index'

/**
 * Quote blocks of an article, read from its document by SQLite itself (as article_citations are): a "quote" key in a
 * node's attrs is a bilingual quote block's quote id. Whatever writes an article keeps this true in the same transaction.
 */
const quotesOf = (row: 'new') => `
  INSERT INTO article_quotes (article_id, quote_id, blocks)
  SELECT ${row}.id, n.atom, count(*)
  FROM json_tree(${row}.doc) AS n
  WHERE instr(${row}.doc, '"bilingualQuote"') > 0 AND n.key = 'quote' AND n.type = 'text' AND n.path LIKE '%.attrs'
  GROUP BY n.atom;`

export const quotes: Migration = {
  version: 4,
  name: 'quotes, segments, article quotes, translation memory, glossary',
  up(db) {
    db.exec(`
      -- A passage of a source with its translation. original and translation are the segments joined (for search and
      -- lists); the segments are the truth. source_id has no foreign key: a merged source resolves through its alias.
      CREATE TABLE quotes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_id TEXT REFERENCES articles (id) ON DELETE SET NULL,
        source_id TEXT,
        locator_label TEXT NOT NULL DEFAULT 'page',
        locator TEXT NOT NULL DEFAULT '',
        original TEXT NOT NULL,
        translation TEXT NOT NULL DEFAULT '',
        original_hash TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX quotes_article ON quotes (article_id);
      CREATE INDEX quotes_source ON quotes (source_id);
      CREATE INDEX quotes_updated ON quotes (updated_at DESC);

      CREATE TABLE quote_segments (
        id TEXT PRIMARY KEY,
        quote_id TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        paragraph_start INTEGER NOT NULL DEFAULT 0,
        original TEXT NOT NULL,
        translation TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('new', 'draft', 'translated', 'reviewed')),
        original_hash TEXT NOT NULL,
        -- The original's hash when the translation was written or confirmed; another hash now means stale.
        translated_hash TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX quote_segments_quote ON quote_segments (quote_id, position);

      CREATE VIRTUAL TABLE quotes_fts USING fts5 (
        original, translation,
        content = 'quotes', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, original, translation) VALUES (new.seq, new.original, new.translation);
      END;
      CREATE TRIGGER quotes_fts_update AFTER UPDATE OF original, translation ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, original, translation) VALUES ('delete', old.seq, old.original, old.translation);
        INSERT INTO quotes_fts (rowid, original, translation) VALUES (new.seq, new.original, new.translation);
      END;
      CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, original, translation) VALUES ('delete', old.seq, old.original, old.translation);
      END;

      CREATE TABLE article_quotes (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        blocks INTEGER NOT NULL,
        PRIMARY KEY (article_id, quote_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_quotes_quote ON article_quotes (quote_id);
      CREATE TRIGGER article_quotes_insert AFTER INSERT ON articles BEGIN
        ${quotesOf('new')}
      END;
      CREATE TRIGGER article_quotes_update AFTER UPDATE OF doc ON articles BEGIN
        DELETE FROM article_quotes WHERE article_id = new.id;
        ${quotesOf('new')}
      END;

      -- The translation memory: confirmed pairs of every quote (one row per segment, updated when it is confirmed
      -- again) and imported pairs (one row per distinct pair).
      CREATE TABLE tm_units (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        source_key TEXT NOT NULL,
        pair_hash TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('quote', 'import')),
        segment_id TEXT UNIQUE,
        quote_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX tm_units_source ON tm_units (source_hash);
      CREATE INDEX tm_units_key ON tm_units (source_key);
      CREATE INDEX tm_units_pair ON tm_units (pair_hash);
      CREATE INDEX tm_units_updated ON tm_units (updated_at DESC);
      CREATE VIRTUAL TABLE tm_fts USING fts5 (
        source, target,
        content = 'tm_units', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- How many pairs hold each word, per column: a fuzzy lookup asks for the rarest words of its sentence first.
      CREATE VIRTUAL TABLE tm_vocab USING fts5vocab (tm_fts, 'col');
      CREATE TRIGGER tm_fts_insert AFTER INSERT ON tm_units BEGIN
        INSERT INTO tm_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
      END;
      CREATE TRIGGER tm_fts_update AFTER UPDATE OF source, target ON tm_units BEGIN
        INSERT INTO tm_fts (tm_fts, rowid, source, target) VALUES ('delete', old.id, old.source, old.target);
        INSERT INTO tm_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
      END;
      CREATE TRIGGER tm_fts_delete AFTER DELETE ON tm_units BEGIN
        INSERT INTO tm_fts (tm_fts, rowid, source, target) VALUES ('delete', old.id, old.source, old.target);
      END;

      -- The glossary: one entry per English term (term_key is the term folded), its Dutch terms as JSON arrays.
      CREATE TABLE glossary (
        id TEXT PRIMARY KEY,
        term TEXT NOT NULL,
        term_key TEXT NOT NULL UNIQUE,
        preferred TEXT NOT NULL,
        forbidden TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `)
  },
}
