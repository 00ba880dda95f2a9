import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { createTask, fetchAllTasks, taskKeys, type Task } from '../../api/tasks';
import { useTitleAdder } from '../../lib/hooks';
import { upsertTask } from '../../live/cache';
import { Button, Spinner } from '../../ui';

/** The subtasks of a task, with a field to add one. */
export function Subtasks({ task, wsId, readOnly, workspaceSlug }: { task: Task; wsId: string; readOnly: boolean; workspaceSlug: string }) {
  const queryClient = useQueryClient();
  const key = taskKeys.tasks(wsId, task.project_id, { parent_id: task.id });
  const subtasks = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchAllTasks(task.project_id, { parent_id: task.id }, signal) });
  const { title, setTitle, error, saving, submit } = useTitleAdder(async (text) => {
    const created = await createTask(task.project_id, { title: text, parent_id: task.id, priority: 'none' });
    queryClient.setQueryData<Task[]>(key, (list) => (list ? [...list, created] : [created]));
    queryClient.setQueryData<Task[]>(taskKeys.board(wsId, task.project_id), (list) => upsertTask(list, created));
  });
  const id = useId();

  return (
    <div className="subtasks">
      {subtasks.isPending && <Spinner size="sm" label="Loading subtasks…" />}
      {subtasks.data && subtasks.data.length > 0 && (
        <ul className="subtasks__list" data-testid="subtasks">
          {subtasks.data.map((s) => (
            <li key={s.id} className="subtasks__item" data-testid="subtask">
              <span className={`status-dot status-dot--${s.status_category}`} aria-hidden="true" />
              <Link to={{ search: `?task=${encodeURIComponent(s.id)}` }} className="mono" data-slug={workspaceSlug}>
                {s.key}
              </Link>{' '}
              <span className={s.status_category === 'done' ? 'subtasks__title--done' : undefined}>{s.title}</span>
            </li>
          ))}
        </ul>
      )}
      {subtasks.data && subtasks.data.length === 0 && <p className="muted">No subtasks.</p>}
      {!readOnly && (
        <form className="subtasks__add" onSubmit={(e) => void submit(e)}>
          <label className="visually-hidden" htmlFor={id}>
            New subtask
          </label>
          <input
            id={id}
            className="field__input"
            placeholder="Add a subtask"
            value={title}
            maxLength={500}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="subtask-input"
          />
          <Button type="submit" size="sm" loading={saving} data-testid="subtask-add">
            Add
          </Button>
          {error && (
            <p className="field__error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
