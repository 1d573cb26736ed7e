-- The finding-id keys (src/store/finding-sets.ts findingKey) move from one B-tree row per
-- finding (finding_keys: ~210 rows per document, each inserted at a random place of the tree,
-- so each dirtied its own page: ~2 ms of the ~7 ms write per document, growing with the
-- corpus, and ~2.8 KB of the database per document) to a contentless full-text index with one
-- row per document write: rowid = the document's key, the text its findings' keys as 8-digit
-- hex words. FTS5 appends a write's terms as one segment and merges segments in the background,
-- so a write costs a few sequential pages. `detail=none`: only which rows hold a term is kept,
-- all a lookup needs. As before a key is only a hint (the lookup checks the id), keys of earlier
-- findings of a re-analysed document stay, and nothing is read without its document.
CREATE VIRTUAL TABLE finding_key_index USING fts5(keys, content='', detail=none, columnsize=0, tokenize='ascii');
INSERT INTO finding_key_index (rowid, keys)
  SELECT doc_key, group_concat(printf('%08x', key & 4294967295), ' ') FROM finding_keys GROUP BY doc_key ORDER BY doc_key;
DROP TABLE finding_keys;
