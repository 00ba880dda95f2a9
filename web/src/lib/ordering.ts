// Board ordering on the client: order keys compatible with the server's
// (core/order_key.hpp: base-62 digits [0-9A-Za-z], compared bytewise, never
// ending in '0'), columns from a flat task list, the neighbours a drop sends
// to `POST /tasks/{id}/move`, and the provisional order shown until the server
// answers with the real `position`.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length; // 62

function digit(c: string | undefined): number {
  if (c === undefined) return 0;
  const d = DIGITS.indexOf(c);
  return d < 0 ? 0 : d;
}

/** Bytewise comparison (the server stores keys `COLLATE "C"`; keys are ASCII). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A key strictly between `a` and `b` ("" = unbounded on that side), as the
 * server's `order_key::Between` does. Best effort for invalid input (a ≥ b):
 * then it answers a key after `a`.
 */
export function keyBetween(a: string, b: string): string {
  if (b !== '' && compareKeys(a, b) >= 0) return midpoint(a, null);
  return midpoint(a, b === '' ? null : b);
}

function midpoint(a: string, b: string | null): string {
  // Shared prefix (a padded with '0's) stays.
  if (b !== null) {
    let n = 0;
    while (n < b.length && (a[n] ?? '0') === b[n]) n += 1;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = digit(a[0]);
  const db = b !== null && b.length > 0 ? digit(b[0]) : BASE;
  if (db - da > 1) return DIGITS[Math.floor((da + db) / 2)] as string;
  // Adjacent digits: b's first digit alone is already above a when b goes on.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[da] as string) + midpoint(a.slice(1), null);
}

export interface Ordered {
  id: string;
  status_id: string;
  position: string;
}

/** Tasks grouped by status, each column in `position` order; every status gets a (maybe empty) column. */
export function groupColumns<T extends Ordered>(tasks: readonly T[], statusIds: readonly string[]): Map<string, T[]> {
  const columns = new Map<string, T[]>();
  for (const id of statusIds) columns.set(id, []);
  for (const t of tasks) columns.get(t.status_id)?.push(t);
  for (const list of columns.values()) list.sort((x, y) => compareKeys(x.position, y.position) || compareKeys(x.id, y.id));
  return columns;
}

export interface Neighbours {
  after_id?: string;
  before_id?: string;
}

/**
 * The neighbours of a task dropped at `index` of `column` (the target column
 * in order; the moving task may be in it and is skipped): the task before the
 * slot as `after_id`, the one after it as `before_id`.
 */
export function neighboursAt<T extends Ordered>(column: readonly T[], movingId: string, index: number): Neighbours {
  const others = column.filter((t) => t.id !== movingId);
  const at = Math.max(0, Math.min(index, others.length));
  const result: Neighbours = {};
  const after = others[at - 1];
  const before = others[at];
  if (after) result.after_id = after.id;
  if (before) result.before_id = before.id;
  return result;
}

/** A provisional position for a task dropped at `index` of `column` (the moving task skipped). */
export function provisionalPosition<T extends Ordered>(column: readonly T[], movingId: string, index: number): string {
  const others = column.filter((t) => t.id !== movingId);
  const at = Math.max(0, Math.min(index, others.length));
  return keyBetween(others[at - 1]?.position ?? '', others[at]?.position ?? '');
}

/**
 * The list with `moving` placed at `index` of column `statusId` (a copy with
 * the new status and a provisional position): what the board shows at once.
 */
export function applyMove<T extends Ordered>(tasks: readonly T[], moving: T, statusId: string, index: number): T[] {
  const column = tasks
    .filter((t) => t.status_id === statusId)
    .sort((x, y) => compareKeys(x.position, y.position) || compareKeys(x.id, y.id));
  const position = provisionalPosition(column, moving.id, index);
  const moved = { ...moving, status_id: statusId, position };
  return tasks.map((t) => (t.id === moving.id ? moved : t));
}

/** Where a task sits now: its column and index, or null. */
export function locate<T extends Ordered>(columns: Map<string, T[]>, id: string): { statusId: string; index: number } | null {
  for (const [statusId, list] of columns) {
    const index = list.findIndex((t) => t.id === id);
    if (index >= 0) return { statusId, index };
  }
  return null;
}
