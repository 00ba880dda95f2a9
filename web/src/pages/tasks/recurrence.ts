// The recurrence picker's model: a few common rules, or a custom RRULE the
// server validates (its 422 reason is shown as is).
export type RecurrenceKind = 'none' | 'daily' | 'weekly' | 'monthly' | 'custom';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };

export interface RecurrenceState {
  kind: RecurrenceKind;
  weekdays: Weekday[];
  monthDay: number;
  custom: string;
}

function parts(rule: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/i, '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1).toUpperCase());
  }
  return map;
}

/** The picker state showing a task's rule (anything beyond the simple shapes is "custom"). */
export function fromRule(rule: string | null): RecurrenceState {
  const base: RecurrenceState = { kind: 'none', weekdays: [], monthDay: 1, custom: rule ?? '' };
  if (!rule) return base;
  const p = parts(rule);
  const keys = [...p.keys()].sort().join(',');
  const freq = p.get('FREQ');
  if (freq === 'DAILY' && keys === 'FREQ') return { ...base, kind: 'daily' };
  if (freq === 'WEEKLY' && (keys === 'FREQ' || keys === 'BYDAY,FREQ')) {
    const days = (p.get('BYDAY') ?? '').split(',').filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));
    if (keys === 'FREQ' || days.length === (p.get('BYDAY') ?? '').split(',').length) return { ...base, kind: 'weekly', weekdays: days };
  }
  if (freq === 'MONTHLY' && keys === 'BYMONTHDAY,FREQ') {
    const day = Number(p.get('BYMONTHDAY'));
    if (Number.isInteger(day) && day >= 1 && day <= 31) return { ...base, kind: 'monthly', monthDay: day };
  }
  return { ...base, kind: 'custom' };
}

/** The RRULE for a picker state; null for "none". */
export function toRule(state: RecurrenceState): string | null {
  switch (state.kind) {
    case 'none':
      return null;
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekly': {
      const days = WEEKDAYS.filter((d) => state.weekdays.includes(d));
      return days.length ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : 'FREQ=WEEKLY';
    }
    case 'monthly':
      return `FREQ=MONTHLY;BYMONTHDAY=${state.monthDay}`;
    case 'custom':
      return state.custom.trim().replace(/^RRULE:/i, '') || null;
    default:
      return null;
  }
}

/** A short sentence for a rule ("Every week on Mon, Wed"). */
export function describeRule(rule: string | null): string {
  const s = fromRule(rule);
  switch (s.kind) {
    case 'none':
      return 'Does not repeat';
    case 'daily':
      return 'Every day';
    case 'weekly':
      return s.weekdays.length ? `Every week on ${s.weekdays.map((d) => WEEKDAY_LABELS[d]).join(', ')}` : 'Every week';
    case 'monthly':
      return `Every month on day ${s.monthDay}`;
    default:
      return rule ?? '';
  }
}
