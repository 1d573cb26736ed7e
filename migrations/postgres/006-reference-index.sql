-- The reference index (see migrations/sqlite/006-reference-index.sql): evidence documents
-- cut into passages searched with PostgreSQL full text (ts_rank_cd over a stored tsvector),
-- earlier fact-checks (ClaimReview) and the audit trail of optional LLM calls.
CREATE TABLE evidence_documents (
  id TEXT PRIMARY KEY,
  format TEXT NOT NULL,
  origin TEXT NOT NULL,
  title TEXT,
  issuer TEXT,
  published_at TEXT,
  url TEXT,
  text TEXT NOT NULL,
  added_at TEXT NOT NULL
);

CREATE TABLE evidence_passages (
  id BIGSERIAL PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES evidence_documents (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  aliases TEXT NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text || ' ' || aliases)) STORED,
  UNIQUE (doc_id, idx)
);
CREATE INDEX evidence_passages_by_doc ON evidence_passages (doc_id);
CREATE INDEX evidence_passages_tsv ON evidence_passages USING GIN (tsv);

CREATE TABLE factchecks (
  id TEXT PRIMARY KEY,
  claim_reviewed TEXT NOT NULL,
  rating TEXT,
  rating_value DOUBLE PRECISION,
  best_rating DOUBLE PRECISION,
  worst_rating DOUBLE PRECISION,
  url TEXT,
  publisher TEXT,
  date_published TEXT,
  item_reviewed TEXT,
  origin TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE llm_audit (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  model TEXT NOT NULL,
  purpose TEXT NOT NULL,
  prompt TEXT NOT NULL,
  response TEXT,
  status TEXT NOT NULL,
  tokens INTEGER NOT NULL DEFAULT 0
);
