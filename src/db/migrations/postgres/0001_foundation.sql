-- Instance-wide settings (registration mode, …) as key/value text.
CREATE TABLE instance_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Per-workspace event sequence; the row is the lock that orders commits.
CREATE TABLE event_counters (
  workspace_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
);

-- The append-only log of every change (DESIGN §5).
CREATE TABLE events (
  workspace_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  actor_id TEXT,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, seq)
);
CREATE INDEX events_by_created ON events (workspace_id, created_at);
