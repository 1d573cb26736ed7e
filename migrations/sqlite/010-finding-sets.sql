-- Findings as one packed set per document and analyser instead of one row per finding
-- (src/store/finding-sets.ts says why and how): ~190 rows of ~300 bytes plus four indexes and
-- a full-text index per document became ~140 KB per document. What the API aggregates by
-- (kind, label, entity type, claim evidence strength, entity surface form) stays in SQL as
-- counts per document; finding ids are looked up through a 32-bit key. Finding search reads
-- the documents index and the labels (src/store/finding-search.ts), so findings_search goes.
-- Rows become sets here as plain JSON (SQL cannot compress); sets written later are compressed.
CREATE TABLE finding_sets (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  -- findings per kind, JSON {"entity": 45, …}, for document lists
  counts TEXT NOT NULL,
  findings BLOB NOT NULL,
  PRIMARY KEY (doc_id, analyzer)
);

CREATE TABLE finding_labels (
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  facet TEXT NOT NULL,
  surface TEXT NOT NULL,
  n INTEGER NOT NULL,
  -- JSON [[score, how many], …], highest first: score thresholds (min_score) are counted in SQL
  scores TEXT NOT NULL,
  PRIMARY KEY (kind, label, doc_id, analyzer, facet, surface)
) WITHOUT ROWID;

CREATE TABLE finding_keys (
  key INTEGER NOT NULL,
  doc_id TEXT NOT NULL,
  PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;

INSERT INTO finding_sets (doc_id, analyzer, version, counts, findings)
  SELECT doc_id, analyzer, MAX(analyzer_version),
         (SELECT json_group_object(kind, n) FROM (SELECT kind, COUNT(*) AS n FROM findings k WHERE k.doc_id = f.doc_id AND k.analyzer = f.analyzer GROUP BY kind)),
         json_group_array(json_array(id, kind, label, start, "end", score, explanation, json(data)))
  FROM (SELECT * FROM findings ORDER BY doc_id, analyzer, start, "end", kind, label, id) f
  GROUP BY doc_id, analyzer;

INSERT INTO finding_labels (kind, label, doc_id, analyzer, facet, surface, n, scores)
  SELECT kind, label, doc_id, analyzer, facet, surface, SUM(c), json_group_array(json_array(score, c))
  FROM (SELECT kind, label, doc_id, analyzer,
               CASE kind WHEN 'entity' THEN COALESCE(json_extract(data, '$.type'), '')
                         WHEN 'claim' THEN COALESCE(json_extract(data, '$.evidence.strength'), 'unsupported') ELSE '' END AS facet,
               CASE kind WHEN 'entity' THEN COALESCE(surface, '') ELSE '' END AS surface,
               score, COUNT(*) AS c
        FROM findings GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, score DESC)
  GROUP BY 1, 2, 3, 4, 5, 6;

-- the key of src/store/finding-sets.ts findingKey(): the first 8 characters as hex digits
INSERT OR IGNORE INTO finding_keys (key, doc_id)
  SELECT (((((((instr('0123456789abcdef', substr(id, 1, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 2, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 3, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 4, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 5, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 6, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 7, 1)) - 1) * 16
           + instr('0123456789abcdef', substr(id, 8, 1)) - 1,
         doc_id
  FROM findings;

DROP TRIGGER findings_search_delete;
DROP TABLE findings_search;
DROP TABLE findings;

-- Corpus findings of runs: members and payload packed (src/store/finding-sets.ts packJson)
-- by the writer from now on; rows written before stay JSON text, which readers also take.
