-- Analysts' reviews of findings: an append-only history (never updated, never deleted).
-- Keyed by what identifies a finding to a person (document, kind, span, label), not by the
-- finding's row id, so a review survives re-analysis and analyser upgrades. No foreign key
-- to findings: a review whose finding is gone is kept and shown as orphaned.
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  quote TEXT NOT NULL,
  finding_id TEXT,
  analyzer TEXT,
  status TEXT CHECK (status IS NULL OR status IN ('confirmed', 'rejected', 'corrected')),
  correction TEXT,
  verdict TEXT,
  note TEXT,
  reviewer TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX reviews_by_target ON reviews (doc_id, kind, start, "end");

-- `discern review FINDING_ID` looks a finding up by its id alone.
CREATE INDEX findings_by_id ON findings (id);
