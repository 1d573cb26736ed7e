-- Smaller rows per document, as SQLite's 012 (docs/performance.md "Database size per
-- document"): the per-document tables refer to the document's integer key (`documents.seq`,
-- which every document already has) instead of repeating its 16-character id, and a finding
-- id's lookup keys are one array per document under a GIN index instead of ~190 rows of their
-- own (each row paid a 24-byte tuple header and a B-tree entry). Keys are signed 32-bit
-- integers (src/store/finding-sets.ts findingKey()).

ALTER TABLE documents ADD CONSTRAINT documents_key UNIQUE (seq);

CREATE TABLE finding_sets_keyed (
  doc_key BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  counts TEXT NOT NULL,
  findings BYTEA NOT NULL,
  PRIMARY KEY (doc_key, analyzer)
);
INSERT INTO finding_sets_keyed (doc_key, analyzer, version, counts, findings)
  SELECT d.seq, s.analyzer, s.version, s.counts, s.findings FROM finding_sets s JOIN documents d ON d.id = s.doc_id ORDER BY d.seq, s.analyzer;

CREATE TABLE finding_labels_keyed (
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  doc_key BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  facet TEXT NOT NULL,
  surface TEXT NOT NULL,
  n INTEGER NOT NULL,
  scores TEXT NOT NULL,
  PRIMARY KEY (kind, label, doc_key, analyzer, facet, surface)
);
INSERT INTO finding_labels_keyed (kind, label, doc_key, analyzer, facet, surface, n, scores)
  SELECT l.kind, l.label, d.seq, l.analyzer, l.facet, l.surface, l.n, l.scores FROM finding_labels l JOIN documents d ON d.id = l.doc_id;

-- one row per document: every key its findings ever had (a key is a hint, the lookup checks the id)
CREATE TABLE finding_keys_keyed (
  doc_key BIGINT PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
  keys INTEGER[] NOT NULL
);
INSERT INTO finding_keys_keyed (doc_key, keys)
  SELECT d.seq, array_agg(DISTINCT (CASE WHEN u >= 2147483648 THEN u - 4294967296 ELSE u END)::integer)
  FROM (SELECT doc_id, ((key % 4294967296) + 4294967296) % 4294967296 AS u FROM finding_keys) k JOIN documents d ON d.id = k.doc_id
  GROUP BY d.seq;

CREATE TABLE analyzer_results_keyed (
  doc_key BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  message TEXT,
  analysed_at TEXT NOT NULL,
  PRIMARY KEY (doc_key, analyzer)
);
INSERT INTO analyzer_results_keyed (doc_key, analyzer, version, status, message, analysed_at)
  SELECT d.seq, r.analyzer, r.version, r.status, r.message, r.analysed_at FROM analyzer_results r JOIN documents d ON d.id = r.doc_id;

CREATE TABLE sections_keyed (
  doc_key BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  author TEXT,
  parent INTEGER,
  posted_at TEXT,
  PRIMARY KEY (doc_key, idx)
);
INSERT INTO sections_keyed (doc_key, idx, kind, start, "end", author, parent, posted_at)
  SELECT d.seq, s.idx, s.kind, s.start, s."end", s.author, s.parent, s.posted_at FROM sections s JOIN documents d ON d.id = s.doc_id;

DROP TABLE finding_sets;
DROP TABLE finding_labels;
DROP TABLE finding_keys;
DROP TABLE analyzer_results;
DROP TABLE sections;
ALTER TABLE finding_sets_keyed RENAME TO finding_sets;
ALTER TABLE finding_labels_keyed RENAME TO finding_labels;
ALTER TABLE finding_keys_keyed RENAME TO finding_keys;
ALTER TABLE analyzer_results_keyed RENAME TO analyzer_results;
ALTER TABLE sections_keyed RENAME TO sections;
ALTER INDEX finding_sets_keyed_pkey RENAME TO finding_sets_pkey;
ALTER INDEX finding_labels_keyed_pkey RENAME TO finding_labels_pkey;
ALTER INDEX finding_keys_keyed_pkey RENAME TO finding_keys_pkey;
ALTER INDEX analyzer_results_keyed_pkey RENAME TO analyzer_results_pkey;
ALTER INDEX sections_keyed_pkey RENAME TO sections_pkey;
CREATE INDEX finding_keys_by_key ON finding_keys USING GIN (keys);

-- The distinct (kind, label) pairs of findings, an index for finding search (as SQLite's 012):
-- a search looks for the labels holding one of its words here, then reads their documents
-- through finding_labels' primary key. A pair whose findings are all gone leads to no document.
CREATE TABLE finding_names (
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (kind, label)
);
INSERT INTO finding_names (kind, label) SELECT DISTINCT kind, label FROM finding_labels;
