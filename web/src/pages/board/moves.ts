// Optimistic board writes: the card moves in the cache at once with a
// provisional order key, the server's answer (its `position`, its version)
// reconciles, a failure puts the card back. Quick-add inserts the answer.
import type { QueryClient } from '@tanstack/react-query';
import { createTask, moveTask, taskKeys, type MoveBody, type Status, type Task, type TaskInput } from '../../api/tasks';
import { applyMove, neighboursAt } from '../../lib/ordering';
import { beginWrite } from '../../live/pending';
import { upsertTask } from '../../live/cache';
import { compareKeys } from '../../lib/ordering';

export interface MoveTarget {
  statusId: string;
  /** The slot in the target column, counted without the moving task. */
  index: number;
}

function columnOf(tasks: readonly Task[], statusId: string): Task[] {
  return tasks
    .filter((t) => t.status_id === statusId)
    .sort((a, b) => compareKeys(a.position, b.position) || compareKeys(a.id, b.id));
}

/** The request body for a drop: the target status and the neighbours in the target column. */
export function moveBody(tasks: readonly Task[], taskId: string, target: MoveTarget): MoveBody {
  const body: MoveBody = { status_id: target.statusId, ...neighboursAt(columnOf(tasks, target.statusId), taskId, target.index) };
  return body;
}

/** True when dropping at `target` leaves the task where it is. */
export function isNoop(tasks: readonly Task[], taskId: string, target: MoveTarget): boolean {
  const task = tasks.find((t) => t.id === taskId);
  if (!task || task.status_id !== target.statusId) return false;
  const column = columnOf(tasks, target.statusId);
  const others = column.filter((t) => t.id !== taskId);
  return column.findIndex((t) => t.id === taskId) === Math.min(target.index, others.length);
}

/**
 * Moves a task on the board at once, then asks the server. Resolves with the
 * server's task (already in the cache); rejects after putting the card back.
 */
export async function moveOptimistic(
  queryClient: QueryClient,
  wsId: string,
  projectId: string,
  taskId: string,
  target: MoveTarget,
  statuses: readonly Status[],
  send: (id: string, body: MoveBody) => Promise<Task> = moveTask,
): Promise<Task | null> {
  const key = taskKeys.board(wsId, projectId);
  const tasks = queryClient.getQueryData<Task[]>(key);
  const task = tasks?.find((t) => t.id === taskId);
  if (!tasks || !task) return null;
  if (isNoop(tasks, taskId, target)) return null;
  const body = moveBody(tasks, taskId, target);
  const category = statuses.find((s) => s.id === target.statusId)?.category ?? task.status_category;

  const moved = applyMove(tasks, task, target.statusId, target.index);
  const provisional = moved.find((t) => t.id === taskId) as Task;
  const shown: Task = { ...provisional, status_category: category };
  queryClient.setQueryData<Task[]>(
    key,
    moved.map((t) => (t.id === taskId ? shown : t)),
  );
  // The cache copies what it stores (structural sharing): recognise our copy by content.
  const isShown = (t: Task) => t.version === shown.version && t.status_id === shown.status_id && t.position === shown.position;
  const settle = beginWrite(taskId);
  try {
    const answer = await send(taskId, body);
    queryClient.setQueryData<Task[]>(key, (list) => {
      if (!list) return list;
      // Replace our provisional copy even at the same version (it has a made-up position).
      const current = list.find((t) => t.id === taskId);
      if (current && !isShown(current) && current.version > answer.version) return list;
      return list.some((t) => t.id === taskId) ? list.map((t) => (t.id === taskId ? answer : t)) : list;
    });
    queryClient.setQueryData<Task>(taskKeys.task(wsId, taskId), (cached) => (cached && cached.version > answer.version ? cached : answer));
    return answer;
  } catch (error) {
    // Put the card back, unless something newer replaced it meanwhile.
    queryClient.setQueryData<Task[]>(key, (list) => {
      if (!list) return list;
      const current = list.find((t) => t.id === taskId);
      if (!current || !isShown(current)) return list;
      return list.map((t) => (t.id === taskId ? task : t));
    });
    throw error;
  } finally {
    settle();
  }
}

/** Creates a task at the end of a column and puts the answer on the board. */
export async function quickAdd(queryClient: QueryClient, wsId: string, projectId: string, input: TaskInput): Promise<Task> {
  const created = await createTask(projectId, input);
  queryClient.setQueryData<Task[]>(taskKeys.board(wsId, projectId), (list) => upsertTask(list, created));
  return created;
}
