-- What each corpus analyser keeps of each document (its `extract` step), as JSON.
-- The corpus stage reads these instead of the documents; no row means the analyser kept nothing
-- (analyzer_results records that it ran).
CREATE TABLE corpus_states (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (analyzer, doc_id)
);
CREATE INDEX corpus_states_by_doc ON corpus_states (doc_id);
-- Corpus order is ingestion order: keyset pagination walks this index.
CREATE INDEX documents_by_ingestion ON documents (ingested_at, id);
