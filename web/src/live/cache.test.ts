import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { taskKeys, type Task } from '../api/tasks';
import type { WorkspaceEvent } from '../api/types';
import { wsKeys } from '../api/workspaces';
import { PROJECT, task, WS } from '../pages/board/boardFakes';
import { applyEvent, resetWorkspace } from './cache';

let seq = 0;
function ev(type: string, data: Record<string, unknown>, entity_id = String(data.id ?? 'x')): WorkspaceEvent {
  seq += 1;
  return { seq, workspace_id: WS, type, actor_id: 'u2', entity_type: type.split('.')[0]!, entity_id, data, created_at: '2026-11-22T00:00:00Z' };
}
const asData = (t: Task, extra: Record<string, unknown> = {}) => ({ ...(t as unknown as Record<string, unknown>), ...extra });

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const board = taskKeys.board(WS, PROJECT);
  qc.setQueryData<Task[]>(board, [task({ id: 'a' }), task({ id: 'b', position: 'k' })]);
  return { qc, board };
}

const stale = (qc: QueryClient, key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated ?? false;

describe('event → cache reducer', () => {
  it('patches the board from task.created/updated/moved/deleted without refetching', () => {
    const { qc, board } = setup();
    const c = task({ id: 'c', position: 'z' });
    applyEvent(qc, WS, ev('task.created', asData(c, { project_visibility: 'workspace' })));
    expect(qc.getQueryData<Task[]>(board)!.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    // Event-only fields are not kept on the task.
    expect(qc.getQueryData<Task[]>(board)!.find((t) => t.id === 'c')).toEqual(c);

    const moved = task({ id: 'a', status_id: 's2', position: 'V', version: 2 });
    applyEvent(qc, WS, ev('task.moved', asData(moved, { from_status_id: 's1' })));
    expect(qc.getQueryData<Task[]>(board)!.find((t) => t.id === 'a')).toEqual(moved);

    // An older version never overwrites a newer one.
    applyEvent(qc, WS, ev('task.updated', asData(task({ id: 'a', title: 'old', version: 1 }), { changed: ['title'] })));
    expect(qc.getQueryData<Task[]>(board)!.find((t) => t.id === 'a')!.title).toBe(moved.title);

    applyEvent(qc, WS, ev('task.deleted', { id: 'b', project_id: PROJECT }, 'b'));
    expect(qc.getQueryData<Task[]>(board)!.map((t) => t.id)).toEqual(['a', 'c']);
    expect(stale(qc, board)).toBe(false);
  });

  it('updates the open task and invalidates filtered lists, My tasks and the activity feed', () => {
    const { qc, board } = setup();
    const filtered = taskKeys.tasks(WS, PROJECT, { assignee_id: 'u1' });
    qc.setQueryData(filtered, { pages: [], pageParams: [] });
    qc.setQueryData(taskKeys.task(WS, 'a'), task({ id: 'a' }));
    qc.setQueryData(wsKeys.activity(WS), { pages: [], pageParams: [] });
    qc.setQueryData(['me', 'tasks', 'today'], []);
    applyEvent(qc, WS, ev('task.updated', asData(task({ id: 'a', title: 'New', version: 5 }))));
    expect(qc.getQueryData<Task>(taskKeys.task(WS, 'a'))!.title).toBe('New');
    expect(stale(qc, filtered)).toBe(true);
    expect(stale(qc, ['me', 'tasks', 'today'])).toBe(true);
    expect(stale(qc, wsKeys.activity(WS))).toBe(true);
    expect(stale(qc, board)).toBe(false);
  });

  it('invalidates what other events touch', () => {
    const { qc, board } = setup();
    const comments = taskKeys.comments(WS, 'a');
    const statuses = taskKeys.statuses(WS, PROJECT);
    const labels = taskKeys.labels(WS);
    const projects = taskKeys.projects(WS);
    const members = wsKeys.members(WS);
    const other = taskKeys.labels('another-workspace');
    for (const k of [comments, statuses, labels, projects, members, other]) qc.setQueryData(k, []);
    applyEvent(qc, WS, ev('comment.created', { id: 'c1', task_id: 'a', project_id: PROJECT }));
    expect(stale(qc, comments)).toBe(true);
    applyEvent(qc, WS, ev('status.created', { id: 's9', project_id: PROJECT }));
    expect(stale(qc, statuses)).toBe(true);
    applyEvent(qc, WS, ev('label.updated', { id: 'l1' }));
    expect(stale(qc, labels)).toBe(true);
    applyEvent(qc, WS, ev('project.updated', { id: PROJECT }));
    expect(stale(qc, projects)).toBe(true);
    applyEvent(qc, WS, ev('member.joined', { user_id: 'u3' }));
    expect(stale(qc, members)).toBe(true);
    expect(stale(qc, board)).toBe(false);
    expect(stale(qc, other)).toBe(false);
  });

  it('patches a renamed workspace in place instead of refetching it by its old address', () => {
    const { qc } = setup();
    const old = wsKeys.one('old-slug');
    qc.setQueryData(old, { id: WS, name: 'Old', slug: 'old-slug', plan: 'free', created_at: '', my_role: 'owner' });
    qc.setQueryData(wsKeys.list, []);
    applyEvent(qc, WS, ev('workspace.updated', { id: WS, name: 'New', slug: 'new-slug' }));
    expect(qc.getQueryData(old)).toMatchObject({ name: 'New', slug: 'new-slug', my_role: 'owner' });
    expect(stale(qc, old)).toBe(false);
    expect(stale(qc, wsKeys.list)).toBe(true);
  });

  it('invalidates everything of the workspace on reset', () => {
    const { qc, board } = setup();
    const other = taskKeys.labels('another-workspace');
    qc.setQueryData(other, []);
    resetWorkspace(qc, WS);
    expect(stale(qc, board)).toBe(true);
    expect(stale(qc, other)).toBe(false);
  });
});
