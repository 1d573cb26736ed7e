-- discern watch, incremental alerts: compact keys of every document (hashed reuse blocking
-- keys, fact slots, outlet stances, narrative frames, frame-candidate words), so a poll finds
-- the earlier documents its new ones relate to by indexed look-ups instead of recombining the
-- whole corpus. Derived from the stored corpus states; rebuilt when their versions change.
CREATE TABLE watch_keys (
  kind TEXT NOT NULL,               -- reuse, fact, stance, frame, word
  key INTEGER NOT NULL,             -- 32-bit hash (collisions only add candidates: states decide)
  doc TEXT NOT NULL,
  PRIMARY KEY (kind, key, doc)
) WITHOUT ROWID;
CREATE INDEX watch_keys_by_doc ON watch_keys (doc);

CREATE TABLE watch_indexed (
  doc TEXT PRIMARY KEY,
  version TEXT NOT NULL,            -- the producers the keys were derived from
  indexed_at TEXT NOT NULL
);
