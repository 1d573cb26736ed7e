-- Documents, their sections and findings, analyser bookkeeping, runs and corpus findings:
-- the same tables as SQLite's 001–003. Times are ISO 8601 text, as in SQLite, so both
-- backends return the same values. Findings store spans, not quotes: the quote is derived
-- from documents.text when read (entity mentions keep their short surface form, which the
-- API groups and searches aliases by).
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
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
  updated_at TEXT NOT NULL,
  -- insertion order (SQLite's rowid), for stable listing
  seq BIGSERIAL NOT NULL
);
CREATE INDEX documents_by_ingest ON documents (ingested_at, id);
CREATE INDEX documents_by_outlet ON documents (outlet, published_at);
CREATE INDEX documents_by_date ON documents (published_at);

CREATE TABLE document_origins (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY (doc_id, origin)
);

CREATE TABLE sections (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  author TEXT,
  parent INTEGER,
  posted_at TEXT,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE findings (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  analyzer TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  surface TEXT,
  score DOUBLE PRECISION NOT NULL,
  explanation TEXT NOT NULL,
  -- json, not jsonb: the payload comes back byte for byte as stored (key order included)
  data JSON,
  seq BIGSERIAL NOT NULL,
  PRIMARY KEY (doc_id, id)
);
CREATE INDEX findings_by_kind ON findings (kind, label);
CREATE INDEX findings_by_analyzer ON findings (doc_id, analyzer);

CREATE TABLE analyzer_results (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  analyzer TEXT NOT NULL,
  version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  message TEXT,
  analysed_at TEXT NOT NULL,
  PRIMARY KEY (doc_id, analyzer)
);

CREATE TABLE runs (
  id BIGSERIAL PRIMARY KEY,
  command TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  inputs TEXT NOT NULL,
  options_hash TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed', 'interrupted')),
  -- the process that runs it (see SQLite's 004): a run whose process died is marked
  -- 'interrupted' when this host next opens the database; queued runs have no owner process
  pid INTEGER,
  host TEXT,
  process_token TEXT
);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE run_documents (
  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, doc_id)
);

CREATE TABLE run_errors (
  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  input TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  seq BIGSERIAL NOT NULL
);
CREATE INDEX run_errors_by_run ON run_errors (run_id, seq);

CREATE TABLE corpus_findings (
  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  analyzer TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  explanation TEXT NOT NULL,
  members TEXT NOT NULL,
  data TEXT,
  seq BIGSERIAL NOT NULL,
  PRIMARY KEY (run_id, id)
);

-- Moves with every write committed through the store (Store.changeToken): a sequence, so
-- concurrent writers never wait on each other for it.
CREATE SEQUENCE discern_changes;
