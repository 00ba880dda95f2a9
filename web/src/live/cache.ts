// Workspace events → TanStack Query caches. Task events patch the board's
// task list (and the open task) in place from `event.data` (the task after the
// change), so another person's drag shows without a refetch; everything else
// invalidates the keys it touches under ['ws', wsId, …].
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { taskKeys, type Task } from '../api/tasks';
import type { Workspace, WorkspaceEvent } from '../api/types';
import { wsKeys } from '../api/workspaces';
import { hold, isPending } from './pending';

function isTask(data: unknown): data is Task {
  if (typeof data !== 'object' || data === null) return false;
  const t = data as Partial<Task>;
  return (
    typeof t.id === 'string' &&
    typeof t.project_id === 'string' &&
    typeof t.status_id === 'string' &&
    typeof t.position === 'string' &&
    typeof t.version === 'number' &&
    typeof t.title === 'string'
  );
}

/** Only the Task fields: events add `changed`, `from_status_id`, `project_visibility`. */
function taskOf(data: Task): Task {
  const { changed: _c, from_status_id: _f, project_visibility: _v, ...task } = data as Task & {
    changed?: unknown;
    from_status_id?: unknown;
    project_visibility?: unknown;
  };
  return task as Task;
}

/** A list with `task` upserted when it is newer than the cached copy (or new); the same list otherwise. */
export function upsertTask(list: Task[] | undefined, task: Task): Task[] | undefined {
  if (!list) return list;
  const at = list.findIndex((t) => t.id === task.id);
  if (at < 0) return [...list, task];
  const cached = list[at] as Task;
  if (cached.version > task.version) return list;
  if (cached.version === task.version && cached.position === task.position && cached.status_id === task.status_id) return list;
  const next = list.slice();
  next[at] = task;
  return next;
}

export function removeTask(list: Task[] | undefined, id: string): Task[] | undefined {
  if (!list || !list.some((t) => t.id === id)) return list;
  return list.filter((t) => t.id !== id);
}

/** Filtered task lists of a project (list view), but not the board's own cache. */
function isFilteredTaskList(key: QueryKey, wsId: string, projectId: string): boolean {
  return key[0] === 'ws' && key[1] === wsId && key[2] === 'project' && key[3] === projectId && key[4] === 'tasks' && key.length > 5;
}

function invalidate(queryClient: QueryClient, queryKey: QueryKey): void {
  void queryClient.invalidateQueries({ queryKey });
}

/** Applies a task's new state (or its deletion) to the caches holding it. */
function applyTaskEvent(queryClient: QueryClient, wsId: string, event: WorkspaceEvent): void {
  const data = event.data as unknown;
  invalidate(queryClient, ['me', 'tasks']);
  if (event.type === 'task.deleted') {
    const id = event.entity_id;
    for (const [key] of queryClient.getQueriesData<Task[]>({ queryKey: ['ws', wsId, 'project'] })) {
      if (key.length === 5 && key[4] === 'tasks') queryClient.setQueryData<Task[]>(key, (list) => removeTask(list, id));
    }
    queryClient.removeQueries({ queryKey: taskKeys.task(wsId, id), exact: true });
    // The panel of a deleted task shows "not found" from a refetch.
    invalidate(queryClient, taskKeys.task(wsId, id));
    const projectId = (data as { project_id?: unknown })?.project_id;
    if (typeof projectId === 'string') {
      void queryClient.invalidateQueries({ predicate: (q) => isFilteredTaskList(q.queryKey, wsId, projectId) });
    }
    return;
  }
  if (!isTask(data)) {
    invalidate(queryClient, wsKeys.ws(wsId));
    return;
  }
  const task = taskOf(data);
  queryClient.setQueryData<Task[]>(taskKeys.board(wsId, task.project_id), (list) => upsertTask(list, task));
  queryClient.setQueryData<Task>(taskKeys.task(wsId, task.id), (cached) =>
    cached && cached.version < task.version ? task : cached,
  );
  void queryClient.invalidateQueries({ predicate: (q) => isFilteredTaskList(q.queryKey, wsId, task.project_id) });
}

/**
 * Applies one workspace event to the caches. Events about a task with an
 * optimistic write in flight are held back until it settles (see pending.ts).
 */
export function applyEvent(queryClient: QueryClient, wsId: string, event: WorkspaceEvent): void {
  const [noun] = event.type.split('.');
  // The activity feed shows every event.
  invalidate(queryClient, wsKeys.activity(wsId));
  switch (noun) {
    case 'task': {
      const id = event.entity_id;
      if (isPending(id)) {
        hold(id, event, (e) => applyTaskEvent(queryClient, wsId, e));
        return;
      }
      applyTaskEvent(queryClient, wsId, event);
      return;
    }
    case 'comment': {
      const taskId = (event.data as { task_id?: unknown }).task_id;
      if (typeof taskId === 'string') invalidate(queryClient, taskKeys.comments(wsId, taskId));
      return;
    }
    case 'status': {
      const projectId = (event.data as { project_id?: unknown }).project_id;
      if (typeof projectId === 'string') invalidate(queryClient, taskKeys.statuses(wsId, projectId));
      else invalidate(queryClient, ['ws', wsId, 'project']);
      return;
    }
    case 'label':
      invalidate(queryClient, taskKeys.labels(wsId));
      return;
    case 'project': {
      invalidate(queryClient, taskKeys.projects(wsId));
      const projectId = (event.data as { project_id?: unknown; id?: unknown }).project_id ?? event.entity_id;
      if (typeof projectId === 'string') {
        // The project itself and its members; not its tasks (they have their own events).
        void queryClient.invalidateQueries({
          predicate: (q) =>
            q.queryKey[0] === 'ws' &&
            q.queryKey[1] === wsId &&
            q.queryKey[2] === 'project' &&
            q.queryKey[3] === projectId &&
            q.queryKey[4] !== 'tasks' &&
            q.queryKey[4] !== 'statuses',
        });
      }
      return;
    }
    case 'member':
    case 'invitation':
    case 'team':
      invalidate(queryClient, wsKeys.members(wsId));
      invalidate(queryClient, wsKeys.invitations(wsId));
      invalidate(queryClient, wsKeys.teams(wsId));
      return;
    case 'workspace': {
      // Name, address, deletion: the switcher refetches its list. The header's copy is
      // patched in place: refetching it by an address that just changed would be a 404.
      invalidate(queryClient, wsKeys.list);
      const data = event.data as Partial<Workspace>;
      if (event.type === 'workspace.updated' && typeof data.name === 'string' && typeof data.slug === 'string') {
        for (const [key, cached] of queryClient.getQueriesData<Workspace>({ queryKey: ['workspace'] })) {
          if (cached && cached.id === wsId) queryClient.setQueryData<Workspace>(key, { ...cached, name: data.name, slug: data.slug });
        }
      }
      return;
    }
    default:
      return;
  }
}

/** A `reset`: the log cannot be replayed from our cursor; refetch everything of the workspace. */
export function resetWorkspace(queryClient: QueryClient, wsId: string): void {
  invalidate(queryClient, wsKeys.ws(wsId));
}
