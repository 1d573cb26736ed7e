-- The reference index: documents the user trusts (evidence), cut into passages searched with
-- FTS5 BM25, earlier fact-checks (ClaimReview) and the audit trail of optional LLM calls.
-- Evidence is kept apart from `documents`: it is never analysed as an article and never
-- appears in the article corpus.
CREATE TABLE evidence_documents (
  id TEXT PRIMARY KEY,              -- sha-256 of the text: the same content is stored once
  format TEXT NOT NULL,             -- text, markdown, html, pdf
  origin TEXT NOT NULL,             -- the path, URL or "-" it was read from
  title TEXT,
  issuer TEXT,
  published_at TEXT,
  url TEXT,
  text TEXT NOT NULL,
  added_at TEXT NOT NULL
);

CREATE TABLE evidence_passages (
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES evidence_documents (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,               -- = evidence_documents.text[start, end)
  entities TEXT NOT NULL,           -- JSON array of canonical entity names in the passage
  aliases TEXT NOT NULL,            -- every alias of those entities, so "ISIS-K" finds "ISKP"
  UNIQUE (doc_id, idx)
);
CREATE INDEX evidence_passages_by_doc ON evidence_passages (doc_id);

CREATE VIRTUAL TABLE evidence_passages_fts USING fts5(text, aliases, content='evidence_passages', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER evidence_passages_fts_insert AFTER INSERT ON evidence_passages BEGIN
  INSERT INTO evidence_passages_fts(rowid, text, aliases) VALUES (new.id, new.text, new.aliases);
END;
CREATE TRIGGER evidence_passages_fts_delete AFTER DELETE ON evidence_passages BEGIN
  INSERT INTO evidence_passages_fts(evidence_passages_fts, rowid, text, aliases) VALUES ('delete', old.id, old.text, old.aliases);
END;

CREATE TABLE factchecks (
  id TEXT PRIMARY KEY,              -- sha-256 of url + claimReviewed: re-importing updates
  claim_reviewed TEXT NOT NULL,
  rating TEXT,                      -- reviewRating.alternateName (or name)
  rating_value REAL,
  best_rating REAL,
  worst_rating REAL,
  url TEXT,
  publisher TEXT,                   -- author.name (the fact-checking organisation)
  date_published TEXT,
  item_reviewed TEXT,               -- JSON: itemReviewed as published (who said it, where, when)
  origin TEXT NOT NULL,             -- file and record it was imported from
  imported_at TEXT NOT NULL
);

CREATE TABLE llm_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  model TEXT NOT NULL,
  purpose TEXT NOT NULL,            -- verdict, decomposition
  prompt TEXT NOT NULL,
  response TEXT,                    -- the raw answer, unparsed
  status TEXT NOT NULL,             -- ok, malformed, refused, failed, timeout, budget
  tokens INTEGER NOT NULL DEFAULT 0
);
