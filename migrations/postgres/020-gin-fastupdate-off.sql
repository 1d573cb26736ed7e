-- The GIN indexes (finding id keys, the documents' and evidence passages' full-text vectors)
-- write each entry into the index directly instead of through a pending list
-- (docs/performance.md "Database size per document"): with the pending list, how large the
-- indexes grew depended on when VACUUM flushed it, and its pages stayed allocated — on the bench
-- corpus 67.8 KB of database per document against 48.4 KB without it, from run to run of the same
-- writes 64.5–74.0 KB. Existing indexes are rebuilt here, compact, once.
ALTER INDEX finding_keys_by_key SET (fastupdate = off);
ALTER INDEX documents_search SET (fastupdate = off);
ALTER INDEX evidence_passages_tsv SET (fastupdate = off);
REINDEX INDEX finding_keys_by_key;
REINDEX INDEX documents_search;
REINDEX INDEX evidence_passages_tsv;
