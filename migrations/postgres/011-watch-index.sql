-- discern watch, incremental alerts (see migrations/sqlite/011-watch-index.sql): compact
-- hashed keys of every document, so a poll finds related earlier documents by index look-ups.
CREATE TABLE watch_keys (
  kind TEXT NOT NULL,               -- reuse, fact, stance, frame, word
  key BIGINT NOT NULL,              -- 32-bit hash
  doc TEXT NOT NULL,
  PRIMARY KEY (kind, key, doc)
);
CREATE INDEX watch_keys_by_doc ON watch_keys (doc);

CREATE TABLE watch_indexed (
  doc TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  indexed_at TEXT NOT NULL
);
