import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from './errors';

/** Sets the tab title while the page is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Workstead`;
  }, [title]);
}

/** `value`, but only after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return current;
}

/**
 * A one-line "add by title" form (quick-add, subtasks): submitting saves the
 * trimmed title; the field is emptied only if it still holds what was saved
 * (text typed meanwhile stays); a failed save keeps the text and says why.
 */
export function useTitleAdder(save: (title: string) => Promise<unknown>, maxLength = 500) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = title.trim();
    if (!text) return;
    if (text.length > maxLength) {
      setError(`A title is at most ${maxLength} characters.`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await save(text);
      setTitle((current) => (current.trim() === text ? '' : current));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return { title, setTitle, error, saving, submit };
}
