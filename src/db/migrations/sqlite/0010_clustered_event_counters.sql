-- The event counters are stored in their key's order (WITHOUT ROWID;
-- docs/architecture.md, "Group commit"): every event reads and bumps its
-- workspace's counter by that key, which as a rowid table meant a seek in
-- the key's index and then another in the table, twice per event.
--
-- The events themselves stay a rowid table: a WITHOUT ROWID table keeps
-- whole rows in its interior pages, and at several hundred bytes an event
-- that made the tree deep and dirtied more pages per commit than the
-- separate key index it would save.
CREATE TABLE event_counters_clustered (
  workspace_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
) WITHOUT ROWID;
INSERT INTO event_counters_clustered (workspace_id, last_seq)
  SELECT workspace_id, last_seq FROM event_counters;
DROP TABLE event_counters;
ALTER TABLE event_counters_clustered RENAME TO event_counters;
