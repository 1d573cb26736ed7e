-- Full-text search over findings (label, quote, explanation), for the API's search.
-- External content: the index holds only tokens; rows are read back from `findings`.
CREATE VIRTUAL TABLE findings_fts USING fts5(label, quote, explanation, content='findings', content_rowid='rowid');
CREATE TRIGGER findings_fts_insert AFTER INSERT ON findings BEGIN
  INSERT INTO findings_fts(rowid, label, quote, explanation) VALUES (new.rowid, new.label, new.quote, new.explanation);
END;
CREATE TRIGGER findings_fts_delete AFTER DELETE ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, label, quote, explanation) VALUES ('delete', old.rowid, old.label, old.quote, old.explanation);
END;
CREATE TRIGGER findings_fts_update AFTER UPDATE OF label, quote, explanation ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, label, quote, explanation) VALUES ('delete', old.rowid, old.label, old.quote, old.explanation);
  INSERT INTO findings_fts(rowid, label, quote, explanation) VALUES (new.rowid, new.label, new.quote, new.explanation);
END;
-- Databases made before this migration: index the findings they already hold.
INSERT INTO findings_fts(findings_fts) VALUES ('rebuild');

-- The document list filters by outlet and date and sorts by date.
CREATE INDEX documents_by_outlet ON documents (outlet, published_at);
CREATE INDEX documents_by_date ON documents (published_at);
