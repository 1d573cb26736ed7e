-- Preset deflate dictionaries for packed values (src/store/pack-dictionaries.ts): one per
-- purpose (what is packed and by which producer and version: "findings claims@2.1.0",
-- "state narratives@1.3.0", …), learned from the first values the database received of it.
-- A packed value names its dictionary by `hash` (of the bytes), so it is read with exactly the
-- dictionary it was written with; rows are never changed or deleted (values written with a
-- dictionary stay readable however the producers change). Values stored before this
-- migration keep their form and are read as before.
CREATE TABLE pack_dictionaries (
  hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL UNIQUE,
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
