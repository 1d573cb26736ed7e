-- Preset deflate dictionaries for packed values, as SQLite's 018 (src/store/pack-dictionaries.ts):
-- one per purpose, learned from the first values the database received of it; a packed value
-- names its dictionary by `hash`. Rows are never changed or deleted; earlier values keep their
-- form and are read as before.
CREATE TABLE pack_dictionaries (
  hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL UNIQUE,
  bytes BYTEA NOT NULL,
  created_at TEXT NOT NULL
);
