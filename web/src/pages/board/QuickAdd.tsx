import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { quickAdd } from './moves';

/**
 * "Add a task" at the bottom of a column: Enter creates it, the field stays
 * (empty) for the next one; a failed save keeps the text and says why.
 */
export function QuickAdd({ wsId, projectId, statusId, statusName }: { wsId: string; projectId: string; statusId: string; statusName: string }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = title.trim();
    if (!text) return;
    if (text.length > 500) {
      setError('A title is at most 500 characters.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await quickAdd(queryClient, wsId, projectId, { title: text, status_id: statusId, priority: 'none' });
      // Only clear what was saved: text typed meanwhile stays.
      setTitle((current) => (current.trim() === text ? '' : current));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

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
