-- FTS5's automatic merge works in quanta: after every 64 index pages
-- written it merges up to 64 pages per index level at once, which took
-- 11-41 ms inside a single write batch (and every request waiting on that
-- batch waited with it). It is off; instead every batch that indexes
-- documents merges a few pages (store::SyncSearchIndex), so the same work
-- is spread evenly (docs/architecture.md, "Search index").
INSERT INTO task_fts (task_fts, rank) VALUES ('automerge', 0);
