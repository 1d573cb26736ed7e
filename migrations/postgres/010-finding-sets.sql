-- Findings as one packed set per document and analyser instead of one row per finding, as in
-- SQLite's 010 (src/store/finding-sets.ts says why and how). What the API aggregates by stays
-- in SQL as counts per document; finding ids are looked up through a 32-bit key; finding
-- search reads the documents index and the labels (src/store/finding-search.ts), so the
-- findings' tsvector goes. Corpus states become bytes (compressed by the writer).
-- Rows become sets here as plain JSON (SQL cannot deflate); sets written later are compressed.
CREATE TABLE finding_sets (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  -- findings per kind, JSON {"entity": 45, …}, for document lists
  counts TEXT NOT NULL,
  findings BYTEA NOT NULL,
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
);

CREATE TABLE finding_keys (
  key BIGINT NOT NULL,
  doc_id TEXT NOT NULL,
  PRIMARY KEY (key, doc_id)
);

INSERT INTO finding_sets (doc_id, analyzer, version, counts, findings)
  SELECT doc_id, analyzer, MAX(analyzer_version),
         (SELECT json_object_agg(kind, n)::text FROM (SELECT kind, COUNT(*) AS n FROM findings k WHERE k.doc_id = f.doc_id AND k.analyzer = f.analyzer GROUP BY kind) c),
         convert_to(json_agg(json_build_array(id, kind, label, start, "end", score, explanation, data)
                             ORDER BY start, "end", kind COLLATE "C", label COLLATE "C", id COLLATE "C")::text, 'UTF8')
  FROM findings f GROUP BY doc_id, analyzer;

INSERT INTO finding_labels (kind, label, doc_id, analyzer, facet, surface, n, scores)
  SELECT kind, label, doc_id, analyzer, facet, surface, SUM(c), json_agg(json_build_array(score, c) ORDER BY score DESC)::text
  FROM (SELECT kind, label, doc_id, analyzer,
               CASE kind WHEN 'entity' THEN COALESCE(data->>'type', '')
                         WHEN 'claim' THEN COALESCE(data->'evidence'->>'strength', 'unsupported') ELSE '' END AS facet,
               CASE kind WHEN 'entity' THEN COALESCE(surface, '') ELSE '' END AS surface,
               score, COUNT(*) AS c
        FROM findings GROUP BY 1, 2, 3, 4, 5, 6, 7) g
  GROUP BY 1, 2, 3, 4, 5, 6;

-- the key of src/store/finding-sets.ts findingKey(): the first 8 characters as hex digits
INSERT INTO finding_keys (key, doc_id)
  SELECT DISTINCT
         (((((((position(substr(id, 1, 1) in '0123456789abcdef') - 1)::bigint * 16
           + position(substr(id, 2, 1) in '0123456789abcdef') - 1) * 16
           + position(substr(id, 3, 1) in '0123456789abcdef') - 1) * 16
           + position(substr(id, 4, 1) in '0123456789abcdef') - 1) * 16
           + position(substr(id, 5, 1) in '0123456789abcdef') - 1) * 16
           + position(substr(id, 6, 1) in '0123456789abcdef') - 1) * 16
           + position(substr(id, 7, 1) in '0123456789abcdef') - 1) * 16
           + position(substr(id, 8, 1) in '0123456789abcdef') - 1,
         doc_id
  FROM findings;

DROP TABLE findings;

ALTER TABLE corpus_states ALTER COLUMN state TYPE BYTEA USING convert_to(state, 'UTF8');

-- Corpus findings of runs: members and payload become bytes, packed by the writer
-- (src/store/finding-sets.ts packJson); rows written before stay their JSON text's bytes.
ALTER TABLE corpus_findings ALTER COLUMN members TYPE BYTEA USING convert_to(members, 'UTF8');
ALTER TABLE corpus_findings ALTER COLUMN data TYPE BYTEA USING convert_to(data, 'UTF8');
