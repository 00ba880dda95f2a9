import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTitleAdder } from '../../lib/hooks';
import { quickAdd } from './moves';

/**
 * "Add a task" at the bottom of a column: Enter creates it, the field stays
 * (empty) for the next one; a failed save keeps the text and says why.
 */
export function QuickAdd({ wsId, projectId, statusId, statusName }: { wsId: string; projectId: string; statusId: string; statusName: string }) {
  const queryClient = useQueryClient();
  const { title, setTitle, error, saving, submit } = useTitleAdder((text) =>
    quickAdd(queryClient, wsId, projectId, { title: text, status_id: statusId, priority: 'none' }),
  );
  const id = useId();

  return (
    <form className="quick-add" onSubmit={(e) => void submit(e)} data-testid="quick-add">
      <label className="visually-hidden" htmlFor={id}>
        Add a task to {statusName}
      </label>
      <input
        id={id}
        className="field__input quick-add__input"
        placeholder="+ Add a task"
        value={title}
        maxLength={500}
        onChange={(e) => setTitle(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-busy={saving || undefined}
        data-testid="quick-add-input"
        autoComplete="off"
      />
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert" data-testid="quick-add-error">
          {error}
        </p>
      )}
    </form>
  );
}
