import { useEffect, useId, useState } from 'react';
import type { Task } from '../../api/tasks';
import { Button } from '../../ui';
import type { SaveResult } from './TaskPanel';
import type { TaskPatch } from '../../api/tasks';
import { describeRule, fromRule, toRule, WEEKDAY_LABELS, WEEKDAYS, type RecurrenceKind, type RecurrenceState } from './recurrence';

const KINDS: Array<[RecurrenceKind, string]> = [
  ['none', 'Does not repeat'],
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly (by day)'],
  ['custom', 'Custom rule (RRULE)'],
];

/** none / daily / weekly on weekdays / monthly by day / custom RRULE; the server's 422 reason is shown. */
export function RecurrencePicker({ task, readOnly, save }: { task: Task; readOnly: boolean; save: (field: string, patch: TaskPatch) => Promise<SaveResult> }) {
  const id = useId();
  const [state, setState] = useState<RecurrenceState>(() => fromRule(task.recurrence));
  const [dirty, setDirty] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Follow the task while nothing is being edited here.
  useEffect(() => {
    if (!dirty) setState(fromRule(task.recurrence));
  }, [task.recurrence, dirty]);

  const change = (next: Partial<RecurrenceState>) => {
    setState((s) => ({ ...s, ...next }));
    setDirty(true);
    setFieldError(null);
  };

  const commit = async () => {
    const rule = toRule(state);
    if (state.kind === 'custom' && !rule) {
      setFieldError('Type a rule, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=FR.');
      return;
    }
    setSaving(true);
    const result = await save('recurrence', { recurrence: rule });
    setSaving(false);
    if (result.ok) {
      setDirty(false);
      setFieldError(null);
    } else if (result.error?.fields.recurrence) {
      setFieldError(result.error.fields.recurrence);
    }
  };

  return (
    <div className="recurrence" data-testid="recurrence">
      <p className="muted" data-testid="recurrence-summary">
        {describeRule(task.recurrence)}
      </p>
      {!readOnly && (
        <>
          <label className="task-field" htmlFor={`${id}-kind`}>
            <span className="task-field__label">Repeat</span>
            <select id={`${id}-kind`} className="field__input field__select" value={state.kind} onChange={(e) => change({ kind: e.target.value as RecurrenceKind, custom: state.custom || (task.recurrence ?? '') })} data-testid="recurrence-kind">
              {KINDS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {state.kind === 'weekly' && (
            <fieldset className="recurrence__days">
              <legend className="task-field__label">On</legend>
              {WEEKDAYS.map((d) => (
                <label key={d} className="recurrence__day">
                  <input
                    type="checkbox"
                    checked={state.weekdays.includes(d)}
                    onChange={(e) => change({ weekdays: e.target.checked ? [...state.weekdays, d] : state.weekdays.filter((x) => x !== d) })}
                    data-testid={`recurrence-day-${d}`}
                  />
                  {WEEKDAY_LABELS[d]}
                </label>
              ))}
            </fieldset>
          )}
          {state.kind === 'monthly' && (
            <label className="task-field" htmlFor={`${id}-day`}>
              <span className="task-field__label">Day of the month</span>
              <input id={`${id}-day`} type="number" min={1} max={31} className="field__input" value={state.monthDay} onChange={(e) => change({ monthDay: Math.max(1, Math.min(31, Number(e.target.value) || 1)) })} data-testid="recurrence-monthday" />
            </label>
          )}
          {state.kind === 'custom' && (
            <label className="task-field" htmlFor={`${id}-custom`}>
              <span className="task-field__label">RRULE (RFC 5545)</span>
              <input id={`${id}-custom`} className="field__input mono" value={state.custom} placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=FR" onChange={(e) => change({ custom: e.target.value })} aria-invalid={fieldError ? true : undefined} data-testid="recurrence-custom" />
            </label>
          )}
          {fieldError && (
            <p className="field__error" role="alert" data-testid="recurrence-error">
              {fieldError}
            </p>
          )}
          {dirty && (
            <div className="row">
              <Button size="sm" variant="primary" loading={saving} onClick={() => void commit()} data-testid="recurrence-save">
                Save repeat
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setDirty(false);
                  setFieldError(null);
                }}
              >
                Cancel
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
