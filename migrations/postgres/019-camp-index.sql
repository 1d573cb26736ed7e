-- The server's search groups documents by camp without computing the corpus findings: it
-- reads the camps the newest finished run stored (src/store/stored-camps.ts). This partial
-- index holds only the camp rows (a few per run), so finding that run and its camps reads no
-- other corpus finding.
CREATE INDEX corpus_findings_camps ON corpus_findings (run_id) WHERE kind = 'camp';
