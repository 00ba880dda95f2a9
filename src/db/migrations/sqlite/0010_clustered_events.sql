-- The event log and its counters are stored in their primary key's order
-- (WITHOUT ROWID; docs/architecture.md, "Group commit").
--
-- Every read of `events` asks for one workspace's events by seq, and every
-- change appends one. As rowid tables, each event was written twice (the
-- row, and the primary key's index pointing at it) and each read looked the
-- row up through that index. Clustered on (workspace_id, seq) there is one
-- b-tree: an appended event dirties one page fewer per commit, and a feed's
-- page of events is one range scan. The counters' key is their only lookup.
CREATE TABLE events_clustered (
  workspace_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  actor_id TEXT,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, seq)
) WITHOUT ROWID;
INSERT INTO events_clustered (workspace_id, seq, type, actor_id, entity_type, entity_id, data,
                              created_at)
  SELECT workspace_id, seq, type, actor_id, entity_type, entity_id, data, created_at FROM events;
DROP TABLE events;
ALTER TABLE events_clustered RENAME TO events;

CREATE TABLE event_counters_clustered (
  workspace_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
) WITHOUT ROWID;
INSERT INTO event_counters_clustered (workspace_id, last_seq)
  SELECT workspace_id, last_seq FROM event_counters;
DROP TABLE event_counters;
ALTER TABLE event_counters_clustered RENAME TO event_counters;
