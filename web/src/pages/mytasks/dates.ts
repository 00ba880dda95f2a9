// Due dates are calendar dates (`YYYY-MM-DD`, no time); "today" is the
// person's today in their profile's time zone, as the server counts it for
// `GET /me/tasks?filter=today|overdue|week`.

function validZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Today's date (`YYYY-MM-DD`) in `timeZone` (UTC when unknown, like the server). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: validZone(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** "21 Nov 2026" for a calendar date, never shifted by a time zone. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export interface DueText {
  text: string;
  tone: 'overdue' | 'today' | 'soon' | 'later' | 'none';
}

/** "Today", "Tomorrow", "3 days overdue", or the date; `done` tasks are never overdue. */
export function describeDue(due: string | null | undefined, today: string, done = false): DueText {
  if (!due) return { text: 'No due date', tone: 'none' };
  const days = daysBetween(today, due);
  if (days === 0) return { text: 'Today', tone: 'today' };
  if (days === 1) return { text: 'Tomorrow', tone: 'soon' };
  if (days < 0 && !done) return { text: `${formatDate(due)} · ${-days} day${days === -1 ? '' : 's'} overdue`, tone: 'overdue' };
  if (days === -1) return { text: 'Yesterday', tone: 'later' };
  return { text: formatDate(due), tone: days > 0 && days < 7 ? 'soon' : 'later' };
}
