-- Document texts deflated (src/store/sqlite-text.ts): the text was the largest column (5.4 KB
-- of the ~6 KB a document row took on the bench corpus). SQL reads it through discern_text(),
-- a function every store connection registers; the full-text index reads its content through
-- the view documents_content (plain text), so its tokens, snippets and deletes are unchanged.
-- Every existing text is converted here (discern_pack_text), and the index rebuilt from the view.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
DROP TABLE documents_fts;

UPDATE documents SET text = discern_pack_text(text) WHERE typeof(text) = 'text';

CREATE VIEW documents_content AS SELECT key, title, discern_text(text) AS text FROM documents;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents_content', content_rowid='key');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.key, new.title, discern_text(new.text));
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.key, old.title, discern_text(old.text));
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.key, old.title, discern_text(old.text));
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.key, new.title, discern_text(new.text));
END;
