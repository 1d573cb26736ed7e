-- Smaller lookup indexes (docs/postgres.md "What the database holds per document").
--
-- 1. The GIN index of finding keys indexes each 32-bit key (a finding id's first 32 bits,
-- src/store/finding-sets.ts findingKey()) as two 16-bit halves: the high half as is
-- (0–65535), the low half tagged with 65536 (65536–131071). `findFinding` asks for documents
-- holding both halves (GIN intersects the two posting lists) and checks the id, as before.
-- 32-bit keys are nearly all distinct, so the index had one entry of ~40 bytes per finding
-- (8 KB per document, the largest relation); the halves take 131,072 distinct values, so from a
-- few thousand documents on each value has a long posting list that GIN compresses to a few
-- bytes per document. A document with ~210 keys holds a lookup's two halves by chance with
-- probability ~(210/65,536)² ≈ 1e-5: about one extra document read per lookup at 100,000
-- documents, ~100 at 10 million. The table keeps the keys as they are (an expression index:
-- the writer is unchanged, and the rows do not double).
CREATE FUNCTION discern_key_halves(keys INTEGER[]) RETURNS INTEGER[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT (k >> 16) & 65535 FROM unnest(keys) AS k UNION ALL SELECT 65536 + (k & 65535) FROM unnest(keys) AS k) $$;
DROP INDEX finding_keys_by_key;
CREATE INDEX finding_keys_by_halves ON finding_keys USING GIN (discern_key_halves(keys)) WITH (fastupdate = off);

-- 2. finding_labels: the primary key repeated all six text columns of each row (~27 rows per
-- document) in a B-tree as large as the table. Nothing needs it unique (a document's rows of an
-- analyser are deleted before its new ones are written). What reads it: a (kind, label) and its
-- documents (aggregates, entity pages, finding search), and the writer's delete by document.
-- Two indexes serve that: (kind, label), whose equal keys B-tree deduplication stores once with
-- a list of row pointers (a label recurs across documents), and doc_key (one entry per document).
ALTER TABLE finding_labels DROP CONSTRAINT finding_labels_pkey;
CREATE INDEX finding_labels_by_label ON finding_labels (kind, label);
CREATE INDEX finding_labels_by_doc ON finding_labels (doc_key);

-- 3. sections: read and replaced per document only; the (doc_key, idx) primary key becomes an
-- index on doc_key, whose equal keys are stored once (~18 sections per document).
ALTER TABLE sections DROP CONSTRAINT sections_pkey;
CREATE INDEX sections_by_doc ON sections (doc_key);
