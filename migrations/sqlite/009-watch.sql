-- discern watch: the sources polled, with their health and conditional-request validators;
-- every feed item seen (so each article is fetched once); the alerts raised; small snapshots
-- of corpus finding keys kept between polls (so alerts say what is new).
CREATE TABLE watch_sources (
  url TEXT PRIMARY KEY,
  name TEXT,
  side TEXT,
  tags TEXT NOT NULL DEFAULT '[]',  -- JSON array
  type TEXT NOT NULL DEFAULT 'auto',
  feed_title TEXT,
  etag TEXT,
  last_modified TEXT,
  last_poll_at TEXT,
  last_ok_at TEXT,
  last_status TEXT,                 -- ok, not-modified, error, skipped
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at TEXT,
  added_at TEXT NOT NULL
);

CREATE TABLE watch_items (
  key TEXT PRIMARY KEY,             -- the article URL, else source URL + '#' + GUID
  source_url TEXT NOT NULL,
  guid TEXT,
  url TEXT,
  title TEXT,
  published_at TEXT,
  doc_id TEXT,                      -- the stored document (content id); null until fetched
  status TEXT NOT NULL,             -- stored, duplicate, failed, skipped
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX watch_items_by_source ON watch_items (source_url, first_seen_at);
CREATE INDEX watch_items_by_guid ON watch_items (source_url, guid);
CREATE INDEX watch_items_by_doc ON watch_items (doc_id);

CREATE TABLE watch_alerts (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,         -- what the alert is about: never raised twice
  type TEXT NOT NULL,
  time TEXT NOT NULL,
  summary TEXT NOT NULL,
  documents TEXT NOT NULL,          -- JSON
  evidence TEXT NOT NULL,           -- JSON: [{doc, start, end, quote, role}]
  data TEXT
);
CREATE INDEX watch_alerts_by_type ON watch_alerts (type, id);

CREATE TABLE watch_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL               -- JSON
);
