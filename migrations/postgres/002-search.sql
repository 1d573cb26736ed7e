-- PostgreSQL's own full-text search where the API searches (GET /search):
-- documents by title and text, findings by label, explanation and (for the kinds that are
-- searched, see src/store/search-text.ts) the passage they mark. The 'simple' configuration
-- (lower-casing, no stemming, no stop words) treats every language alike, as SQLite's
-- unicode61 tokenizer does.
-- Documents: an expression index, so no second copy of the text is stored. Only the first
-- 1,000,000 characters are indexed (a tsvector holds at most 1 MB).
CREATE FUNCTION discern_document_tsv(title TEXT, body TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('simple'::regconfig, left(coalesce(title, '') || ' ' || body, 1000000)) $$;
CREATE INDEX documents_search ON documents USING GIN (discern_document_tsv(title, text));

-- Findings: the search text is built by the writer (the passage is not stored), so the
-- lexemes are kept in a column; NULL for findings that are not searched.
ALTER TABLE findings ADD COLUMN search tsvector;
CREATE INDEX findings_search ON findings USING GIN (search) WHERE search IS NOT NULL;
