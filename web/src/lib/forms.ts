import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { errorMessage } from './errors';

export type FormValues = Record<string, string>;
export type FieldErrors<V> = Partial<Record<keyof V & string, string>>;

function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function focusFirstInvalid(form: HTMLFormElement): void {
  // After React has rendered the error state.
  setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}

function withoutEmpty<V>(errors: FieldErrors<V>): FieldErrors<V> {
  const out: FieldErrors<V> = {};
  for (const [k, v] of Object.entries(errors) as Array<[keyof V & string, string | undefined]>) {
    if (v) out[k] = v;
  }
  return out;
}

/**
 * Form state with client validation and the server's field errors. Field names
 * are the request's field names, so `fields` from a 422 land next to the right
 * input; errors for fields the form does not show go to `formError`. Values are
 * kept when a submit fails.
 */
export function useForm<V extends FormValues>(initial: V, validate?: (values: V) => FieldErrors<V>) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const setValue = (name: keyof V & string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  };

  const field = (name: keyof V & string) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValue(name, e.target.value),
  });

  /** Shows a failed call: field messages by their inputs, the rest in the form banner. */
  const showError = (err: unknown) => {
    if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
      const known: FieldErrors<V> = {};
      let unplaced = false;
      for (const [name, message] of Object.entries(err.fields)) {
        if (name in values) known[name as keyof V & string] = capitalize(message);
        else unplaced = true;
      }
      setErrors(known);
      setFormError(unplaced || Object.keys(known).length === 0 ? errorMessage(err) : null);
      return;
    }
    setFormError(errorMessage(err));
  };

  const handleSubmit =
    (action: (values: V) => Promise<void> | void) => async (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      if (submitting) return;
      const form = e.currentTarget;
      const found = withoutEmpty(validate ? validate(values) : {});
      setFormError(null);
      setErrors(found);
      if (Object.keys(found).length > 0) {
        focusFirstInvalid(form);
        return;
      }
      setSubmitting(true);
      try {
        await action(values);
      } catch (err) {
        showError(err);
        focusFirstInvalid(form);
      } finally {
        setSubmitting(false);
      }
    };

  const reset = (next: V = initial) => {
    setValues(next);
    setErrors({});
    setFormError(null);
  };

  return { values, setValue, errors, formError, setFormError, submitting, field, handleSubmit, showError, reset };
}
