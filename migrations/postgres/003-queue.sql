-- Bookkeeping for runs fed through the job queue (discern ingest --queue, discern worker):
-- how many inputs a run expects, which of them are done (stored or dead-lettered), and when
-- its corpus job was sent, so exactly one worker sends it once every input is in.
-- The jobs themselves live in pg-boss's own schema (pgboss).
CREATE TABLE queued_runs (
  run_id BIGINT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  expected INTEGER NOT NULL,
  corpus_sent_at TEXT
);

CREATE TABLE queued_inputs (
  run_id BIGINT NOT NULL REFERENCES queued_runs(run_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  input TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  doc_id TEXT,
  message TEXT,
  finished_at TEXT NOT NULL,
  PRIMARY KEY (run_id, position)
);
