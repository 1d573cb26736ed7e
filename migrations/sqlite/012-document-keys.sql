-- Smaller rows per document (docs/performance.md "Database size per document"):
-- 1. documents get an explicit integer key (`key INTEGER PRIMARY KEY`, the rowid they already
--    had): the full-text index points at it by name, so VACUUM (which may renumber implicit
--    rowids) can never leave documents_fts pointing at the wrong documents.
-- 2. the per-document tables that hold many rows per document refer to that integer instead of
--    repeating the 16-character id: finding_keys (~190 rows per document), finding_labels,
--    finding_sets, analyzer_results, sections. Small, keyed rows become WITHOUT ROWID tables
--    (one B-tree instead of a table plus its primary-key index).
-- 3. a finding id's lookup key is stored as a signed 32-bit integer (4 bytes in SQLite's record
--    format, where half the unsigned values took 6): src/store/finding-sets.ts findingKey().
-- Foreign keys are off while migrations run, so dropping the old documents table cascades
-- nothing; every row keeps its values (documents keep their rowid as key).

CREATE TABLE documents_keyed (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  path TEXT,
  url TEXT,
  title TEXT,
  author TEXT,
  outlet TEXT,
  published_at TEXT,
  lang TEXT,
  text TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO documents_keyed (key, id, format, path, url, title, author, outlet, published_at, lang, text, ingested_at, updated_at)
  SELECT rowid, id, format, path, url, title, author, outlet, published_at, lang, text, ingested_at, updated_at FROM documents;

CREATE TABLE finding_sets_keyed (
  doc_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  counts TEXT NOT NULL,
  findings BLOB NOT NULL,
  PRIMARY KEY (doc_key, analyzer)
);
INSERT INTO finding_sets_keyed (doc_key, analyzer, version, counts, findings)
  SELECT d.key, s.analyzer, s.version, s.counts, s.findings FROM finding_sets s JOIN documents_keyed d ON d.id = s.doc_id ORDER BY d.key, s.analyzer;

CREATE TABLE finding_labels_keyed (
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  doc_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  facet TEXT NOT NULL,
  surface TEXT NOT NULL,
  n INTEGER NOT NULL,
  scores TEXT NOT NULL,
  PRIMARY KEY (kind, label, doc_key, analyzer, facet, surface)
) WITHOUT ROWID;
INSERT INTO finding_labels_keyed (kind, label, doc_key, analyzer, facet, surface, n, scores)
  SELECT l.kind, l.label, d.key, l.analyzer, l.facet, l.surface, l.n, l.scores FROM finding_labels l JOIN documents_keyed d ON d.id = l.doc_id;

-- no foreign key, as before: a key is only a hint (the lookup checks the id) and is never read
-- without its document
CREATE TABLE finding_keys_keyed (
  key INTEGER NOT NULL,
  doc_key INTEGER NOT NULL,
  PRIMARY KEY (key, doc_key)
) WITHOUT ROWID;
INSERT OR IGNORE INTO finding_keys_keyed (key, doc_key)
  SELECT CASE WHEN u >= 2147483648 THEN u - 4294967296 ELSE u END, doc_key
  FROM (SELECT ((k.key % 4294967296) + 4294967296) % 4294967296 AS u, d.key AS doc_key FROM finding_keys k JOIN documents_keyed d ON d.id = k.doc_id);

CREATE TABLE analyzer_results_keyed (
  doc_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  message TEXT,
  analysed_at TEXT NOT NULL,
  PRIMARY KEY (doc_key, analyzer)
) WITHOUT ROWID;
INSERT INTO analyzer_results_keyed (doc_key, analyzer, version, status, message, analysed_at)
  SELECT d.key, r.analyzer, r.version, r.status, r.message, r.analysed_at FROM analyzer_results r JOIN documents_keyed d ON d.id = r.doc_id;

CREATE TABLE sections_keyed (
  doc_key INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  author TEXT,
  parent INTEGER,
  posted_at TEXT,
  PRIMARY KEY (doc_key, idx)
) WITHOUT ROWID;
INSERT INTO sections_keyed (doc_key, idx, kind, start, "end", author, parent, posted_at)
  SELECT d.key, s.idx, s.kind, s.start, s."end", s.author, s.parent, s.posted_at FROM sections s JOIN documents_keyed d ON d.id = s.doc_id;

DROP TABLE documents_fts;
DROP TABLE finding_sets;
DROP TABLE finding_labels;
DROP TABLE finding_keys;
DROP TABLE analyzer_results;
DROP TABLE sections;
-- its triggers and indexes go with it
DROP TABLE documents;
ALTER TABLE documents_keyed RENAME TO documents;
ALTER TABLE finding_sets_keyed RENAME TO finding_sets;
ALTER TABLE finding_labels_keyed RENAME TO finding_labels;
ALTER TABLE finding_keys_keyed RENAME TO finding_keys;
ALTER TABLE analyzer_results_keyed RENAME TO analyzer_results;
ALTER TABLE sections_keyed RENAME TO sections;

CREATE INDEX documents_by_outlet ON documents (outlet, published_at);
CREATE INDEX documents_by_date ON documents (published_at);
CREATE INDEX documents_by_ingestion ON documents (ingested_at, id);

-- Full-text search over documents, keyed by the explicit key; rebuilt from the documents.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='key');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.key, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.key, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.key, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.key, new.title, new.text);
END;

-- The distinct (kind, label) pairs of findings, an index for finding search: a search looks for
-- the labels holding one of its words here (a few thousand rows, not every document's label
-- rows), then reads their documents through finding_labels' primary key. A pair whose findings
-- are all gone stays and leads to no document.
CREATE TABLE finding_names (
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (kind, label)
) WITHOUT ROWID;
INSERT OR IGNORE INTO finding_names (kind, label) SELECT DISTINCT kind, label FROM finding_labels;
