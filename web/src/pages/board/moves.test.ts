import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { taskKeys, type MoveBody, type Task } from '../../api/tasks';
import type { WorkspaceEvent } from '../../api/types';
import { groupColumns } from '../../lib/ordering';
import { applyEvent } from '../../live/cache';
import { resetPending } from '../../live/pending';
import { PROJECT, statuses, task, WS } from './boardFakes';
import { isNoop, moveBody, moveOptimistic } from './moves';

const key = taskKeys.board(WS, PROJECT);
const ids = (qc: QueryClient, status: string) =>
  groupColumns(qc.getQueryData<Task[]>(key) ?? [], ['s1', 's2', 's3']).get(status)?.map((t) => t.id);

function board() {
  const qc = new QueryClient();
  qc.setQueryData<Task[]>(key, [
    task({ id: 'a', position: 'V' }),
    task({ id: 'b', position: 'k' }),
    task({ id: 'c', status_id: 's2', status_category: 'in_progress', position: 'V' }),
  ]);
  return qc;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const movedEvent = (t: Task, seq: number): WorkspaceEvent => ({
  seq,
  workspace_id: WS,
  type: 'task.moved',
  actor_id: 'u2',
  entity_type: 'task',
  entity_id: t.id,
  data: t as unknown as Record<string, unknown>,
  created_at: '2026-11-22T00:00:00Z',
});

afterEach(() => resetPending());

describe('optimistic moves', () => {
  it('sends the target status and its neighbours', () => {
    const tasks = board().getQueryData<Task[]>(key)!;
    expect(moveBody(tasks, 'a', { statusId: 's2', index: 0 })).toEqual({ status_id: 's2', before_id: 'c' });
    expect(moveBody(tasks, 'a', { statusId: 's2', index: 1 })).toEqual({ status_id: 's2', after_id: 'c' });
    expect(moveBody(tasks, 'a', { statusId: 's1', index: 1 })).toEqual({ status_id: 's1', after_id: 'b' });
    expect(moveBody(tasks, 'a', { statusId: 's3', index: 0 })).toEqual({ status_id: 's3' });
    expect(isNoop(tasks, 'a', { statusId: 's1', index: 0 })).toBe(true);
    expect(isNoop(tasks, 'a', { statusId: 's1', index: 1 })).toBe(false);
  });

  it('moves the card at once and takes the server position when it answers', async () => {
    const qc = board();
    const answer = deferred<Task>();
    let sent: MoveBody | null = null;
    const done = moveOptimistic(qc, WS, PROJECT, 'a', { statusId: 's2', index: 1 }, statuses, (_id, body) => {
      sent = body;
      return answer.promise;
    });
    // Before the server answers, the card is already in the new column, after c.
    expect(ids(qc, 's1')).toEqual(['b']);
    expect(ids(qc, 's2')).toEqual(['c', 'a']);
    expect(qc.getQueryData<Task[]>(key)!.find((t) => t.id === 'a')!.status_category).toBe('in_progress');
    expect(sent).toEqual({ status_id: 's2', after_id: 'c' });
    const server = task({ id: 'a', status_id: 's2', status_category: 'in_progress', position: 'X', version: 2 });
    answer.resolve(server);
    await done;
    expect(qc.getQueryData<Task[]>(key)!.find((t) => t.id === 'a')).toEqual(server);
    expect(ids(qc, 's2')).toEqual(['c', 'a']);
  });

  it('puts the card back and rejects when the server refuses', async () => {
    const qc = board();
    const before = qc.getQueryData<Task[]>(key)!.find((t) => t.id === 'b');
    const refused = new ApiError({ status: 422, code: 'validation_failed', message: 'no' });
    await expect(
      moveOptimistic(qc, WS, PROJECT, 'b', { statusId: 's3', index: 0 }, statuses, () => Promise.reject(refused)),
    ).rejects.toBe(refused);
    expect(ids(qc, 's1')).toEqual(['a', 'b']);
    expect(ids(qc, 's3')).toEqual([]);
    expect(qc.getQueryData<Task[]>(key)!.find((t) => t.id === 'b')).toEqual(before);
  });

  it('holds live events about a task while its move is in flight, then applies only newer ones', async () => {
    const qc = board();
    const answer = deferred<Task>();
    const done = moveOptimistic(qc, WS, PROJECT, 'a', { statusId: 's3', index: 0 }, statuses, () => answer.promise);
    // A stale event (someone's earlier change, version 1 → shows "a" in s2) arrives during the move.
    applyEvent(qc, WS, movedEvent(task({ id: 'a', status_id: 's2', position: 'Z', version: 1 }), 7));
    expect(ids(qc, 's3')).toEqual(['a']); // the card did not jump
    // The echo of our own move (version 2) arrives before the HTTP answer: also held.
    const mine = task({ id: 'a', status_id: 's3', status_category: 'done', position: 'V', version: 2 });
    applyEvent(qc, WS, movedEvent(mine, 8));
    answer.resolve(mine);
    await done;
    expect(ids(qc, 's3')).toEqual(['a']);
    expect(qc.getQueryData<Task[]>(key)!.find((t) => t.id === 'a')).toEqual(mine);
  });

  it('applies a newer held event after the move settles', async () => {
    const qc = board();
    const answer = deferred<Task>();
    const done = moveOptimistic(qc, WS, PROJECT, 'a', { statusId: 's3', index: 0 }, statuses, () => answer.promise);
    const later = task({ id: 'a', status_id: 's2', position: 'a', version: 3, title: 'Renamed by Bob' });
    applyEvent(qc, WS, movedEvent(later, 9));
    answer.resolve(task({ id: 'a', status_id: 's3', position: 'V', version: 2 }));
    await done;
    expect(qc.getQueryData<Task[]>(key)!.find((t) => t.id === 'a')).toEqual(later);
    expect(ids(qc, 's2')).toEqual(['c', 'a']);
  });
});
