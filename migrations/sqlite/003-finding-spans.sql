-- Store spans, not copies: findings lose their quote column (the quote is derived from
-- documents.text when read; entity mentions keep their short surface form, which the API
-- groups and searches aliases by). The findings search index becomes contentless (it holds
-- only tokens, no second copy of the passages) and leaves out the kinds that are not
-- searched (sentences and the document's language: their passage is the text itself,
-- searched through documents_fts). See src/store/search-text.ts.
DROP TRIGGER findings_fts_insert;
DROP TRIGGER findings_fts_delete;
DROP TRIGGER findings_fts_update;

CREATE TABLE findings_spans (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  analyzer TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  surface TEXT,
  score REAL NOT NULL,
  explanation TEXT NOT NULL,
  data TEXT,
  PRIMARY KEY (doc_id, id)
);
INSERT INTO findings_spans (rowid, doc_id, id, analyzer, analyzer_version, kind, label, start, "end", surface, score, explanation, data)
  SELECT rowid, doc_id, id, analyzer, analyzer_version, kind, label, start, "end", CASE WHEN kind = 'entity' THEN quote END, score, explanation, data FROM findings;

CREATE VIRTUAL TABLE findings_search USING fts5(label, quote, explanation, content='', contentless_delete=1);
INSERT INTO findings_search (rowid, label, quote, explanation)
  SELECT rowid, label, quote, explanation FROM findings WHERE kind NOT IN ('sentence', 'language');

DROP TABLE findings_fts;
DROP TABLE findings;
ALTER TABLE findings_spans RENAME TO findings;
CREATE INDEX findings_by_kind ON findings (kind, label);
CREATE INDEX findings_by_analyzer ON findings (doc_id, analyzer);

-- The writer adds a finding's tokens (it has the passage); deletes follow the rows
-- (analyser re-runs, INSERT OR REPLACE, documents deleted by cascade).
CREATE TRIGGER findings_search_delete AFTER DELETE ON findings BEGIN
  DELETE FROM findings_search WHERE rowid = old.rowid;
END;
