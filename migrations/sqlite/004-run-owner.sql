-- Runs remember the process that runs them (pid, host, and a random token per process, since
-- a container may give the next process the same pid), so a run whose process died
-- (kill -9, a crash, power loss) is marked 'interrupted' the next time the database is
-- opened instead of staying 'running' forever. SQLite cannot alter a CHECK constraint, so
-- the table is rebuilt with the same ids; foreign keys are off while migrations run, so
-- dropping the old table cascades nothing, and the AUTOINCREMENT counter is carried over.
CREATE TABLE runs_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  command TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  inputs TEXT NOT NULL,
  options_hash TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed', 'interrupted')),
  pid INTEGER,
  host TEXT,
  process_token TEXT
);
INSERT INTO runs_new (id, command, tool_version, inputs, options_hash, started_at, finished_at, status)
  SELECT id, command, tool_version, inputs, options_hash, started_at, finished_at, status FROM runs;
DELETE FROM sqlite_sequence WHERE name = 'runs_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'runs_new', seq FROM sqlite_sequence WHERE name = 'runs';
DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;
CREATE INDEX runs_by_status ON runs (status);
