-- Documents, their sections and findings, analyser bookkeeping, runs and corpus findings.
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
  updated_at TEXT NOT NULL
);

-- Every place the same content was seen (content-derived ids merge duplicates).
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
  quote TEXT NOT NULL,
  score REAL NOT NULL,
  explanation TEXT NOT NULL,
  data TEXT,
  PRIMARY KEY (doc_id, id)
);
CREATE INDEX findings_by_kind ON findings (kind, label);
CREATE INDEX findings_by_analyzer ON findings (doc_id, analyzer);

-- Which analyser version last ran on each document, and whether it failed there.
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
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  command TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  inputs TEXT NOT NULL,
  options_hash TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed'))
);

CREATE TABLE run_documents (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, doc_id)
);

CREATE TABLE run_errors (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  input TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL
);

CREATE TABLE corpus_findings (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  analyzer TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  score REAL NOT NULL,
  explanation TEXT NOT NULL,
  members TEXT NOT NULL,
  data TEXT,
  PRIMARY KEY (run_id, id)
);

-- Full-text search over documents (used by the API's search).
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
