// Schema 2: the source library (identifiers, lookup state, full-text index, merged aliases) and where sources are cited.
import type { Migration } from './index'

/** The authors of a CSL item as one line of text, for the index: given and family names, or the literal name. */
const authorsOf = (csl: string) => `(SELECT group_concat(coalesce(json_extract(a.value, '$.literal'),
  trim(coalesce(json_extract(a.value, '$.given'), '') || ' ' || coalesce(json_extract(a.value, '$.family'), ''))), ' ')
  FROM json_each(${csl}, '$.author') AS a)`

const indexRow = (row: 'new') => `(${row}.rowid, ${authorsOf(`${row}.csl`)},
  coalesce(json_extract(${row}.csl, '$.title'), ''),
  trim(coalesce(json_extract(${row}.csl, '$."container-title"'), '') || ' ' || coalesce(json_extract(${row}.csl, '$."container-title-short"'), '')),
  coalesce(json_extract(${row}.csl, '$.issued."date-parts"[0][0]'), ''),
  trim(${row}.id || ' ' || coalesce(json_extract(${row}.csl, '$.DOI'), '') || ' ' || coalesce(json_extract(${row}.csl, '$.PMID'), '') || ' ' || coalesce(json_extract(${row}.csl, '$.PMCID'), '')))`

/**
 * Citations of an article, counted per cited source id, read from its document by SQLite itself: whatever writes an
 * article (a save, a restore, an import, the demo seed) keeps this index true in the same transaction. One pass over
 * the document: a "source" key inside an `attrs.items[…]` object is a citation item (no other node has items).
 */
const citationsOf = (row: 'new') => `
  INSERT INTO article_citations (article_id, source_id, citations)
  SELECT ${row}.id, n.atom, count(*)
  FROM json_tree(${row}.doc) AS n
  WHERE instr(${row}.doc, '"citation"') > 0 AND n.key = 'source' AND n.type = 'text' AND n.path LIKE '%.attrs.items[%]'
  GROUP BY n.atom;`

export const citations: Migration = {
  version: 2,
  name: 'source library, identifiers, source search index, aliases, article citations, lookup queue',
  up(db) {
    db.exec(`
      -- Identifiers as the duplicate check compares them: a DOI is case-insensitive.
      ALTER TABLE sources ADD COLUMN doi TEXT GENERATED ALWAYS AS (lower(trim(json_extract(csl, '$.DOI')))) VIRTUAL;
      ALTER TABLE sources ADD COLUMN pmid TEXT GENERATED ALWAYS AS (trim(json_extract(csl, '$.PMID'))) VIRTUAL;
      ALTER TABLE sources ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sources ADD COLUMN lookup TEXT NOT NULL DEFAULT 'none' CHECK (lookup IN ('none', 'queued', 'done', 'failed', 'off'));
      ALTER TABLE sources ADD COLUMN lookup_error TEXT;
      ALTER TABLE sources ADD COLUMN last_cited_at TEXT;
      CREATE INDEX sources_doi ON sources (doi) WHERE doi IS NOT NULL AND doi <> '';
      CREATE INDEX sources_pmid ON sources (pmid) WHERE pmid IS NOT NULL AND pmid <> '';
      CREATE INDEX sources_recent ON sources (last_cited_at DESC) WHERE last_cited_at IS NOT NULL;
      CREATE INDEX sources_updated ON sources (updated_at DESC);

      CREATE VIRTUAL TABLE sources_fts USING fts5 (
        authors, title, journal, year, ids,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      INSERT INTO sources_fts (sources_fts, rank) VALUES ('rank', 'bm25(4.0, 3.0, 1.0, 1.0, 2.0)');
      CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
        INSERT INTO sources_fts (rowid, authors, title, journal, year, ids) VALUES ${indexRow('new')};
      END;
      CREATE TRIGGER sources_fts_update AFTER UPDATE OF csl ON sources BEGIN
        DELETE FROM sources_fts WHERE rowid = old.rowid;
        INSERT INTO sources_fts (rowid, authors, title, journal, year, ids) VALUES ${indexRow('new')};
      END;
      CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
        DELETE FROM sources_fts WHERE rowid = old.rowid;
      END;
      INSERT INTO sources_fts (rowid, authors, title, journal, year, ids) SELECT ${indexRow('new').slice(1, -1).replace(/\bnew\./g, 's.')} FROM sources AS s;

      -- A merged duplicate: citations of the alias stay valid and resolve to the source kept.
      CREATE TABLE source_aliases (
        alias TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX source_aliases_source ON source_aliases (source_id);

      CREATE TABLE article_citations (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        citations INTEGER NOT NULL,
        PRIMARY KEY (article_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_citations_source ON article_citations (source_id);
      CREATE TRIGGER article_citations_insert AFTER INSERT ON articles BEGIN
        ${citationsOf('new')}
      END;
      CREATE TRIGGER article_citations_update AFTER UPDATE OF doc ON articles BEGIN
        DELETE FROM article_citations WHERE article_id = new.id;
        ${citationsOf('new')}
      END;

      -- Online lookups waiting for the network: a source made from a bare DOI or PMID, filled when one answers.
      CREATE TABLE source_lookups (
        source_id TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('doi', 'pmid')),
        value TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at TEXT NOT NULL,
        last_error TEXT
      );
    `)
    // Articles written before this schema: their citations indexed once, as the triggers will from now on.
    db.exec(`UPDATE articles SET doc = doc WHERE instr(doc, '"citation"') > 0`)
  },
}
