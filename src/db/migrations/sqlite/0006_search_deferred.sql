-- Task search (FTS5) is brought up to date once per write transaction
-- instead of once per write unit (docs/architecture.md, "Group commit").
-- FTS5 writes its pending terms to a new index segment at every SAVEPOINT
-- and RELEASE once it takes part in a transaction, and the SQLite writer
-- runs every unit of a batch in its own savepoint: indexing inside the
-- unit cost a segment write (and merge work) per task. The triggers now
-- only queue the changed task's document in `task_fts_pending`; the
-- writer's commit step (projects::store::SyncSearchIndex) re-indexes the
-- queued documents after the batch's last unit, in the same transaction,
-- so a search still sees exactly the committed tasks.
CREATE TABLE task_fts_pending (doc INTEGER PRIMARY KEY);

DROP TRIGGER tasks_search_insert;
DROP TRIGGER tasks_search_update;
DROP TRIGGER tasks_search_delete;
DROP TRIGGER comments_search_insert;
DROP TRIGGER comments_search_update;
DROP TRIGGER comments_search_delete;

CREATE TRIGGER tasks_search_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_search (task_id) VALUES (NEW.id);
  INSERT OR IGNORE INTO task_fts_pending (doc)
    SELECT doc FROM task_search WHERE task_id = NEW.id;
END;

CREATE TRIGGER tasks_search_update AFTER UPDATE OF title, description ON tasks
  WHEN OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description BEGIN
  INSERT OR IGNORE INTO task_fts_pending (doc)
    SELECT doc FROM task_search WHERE task_id = NEW.id;
END;

-- The document leaves the index at the commit step (its task is gone, so
-- it is not indexed again); its number may be reused by a later task.
CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
  INSERT OR IGNORE INTO task_fts_pending (doc)
    SELECT doc FROM task_search WHERE task_id = OLD.id;
  DELETE FROM task_search WHERE task_id = OLD.id;
END;

CREATE TRIGGER comments_search_insert AFTER INSERT ON comments BEGIN
  INSERT OR IGNORE INTO task_fts_pending (doc)
    SELECT doc FROM task_search WHERE task_id = NEW.task_id;
END;

CREATE TRIGGER comments_search_update AFTER UPDATE OF body ON comments BEGIN
  INSERT OR IGNORE INTO task_fts_pending (doc)
    SELECT doc FROM task_search WHERE task_id = NEW.task_id;
END;

CREATE TRIGGER comments_search_delete AFTER DELETE ON comments BEGIN
  INSERT OR IGNORE INTO task_fts_pending (doc)
    SELECT doc FROM task_search WHERE task_id = OLD.task_id;
END;
