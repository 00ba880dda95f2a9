// The list view's filters and sort live in the address (`?status_id=…&sort=…`),
// named as the API names them, so a reload or a shared link shows the same
// list. Values the API would refuse (400) are dropped when read.
import type { TaskFilters } from '../../api/tasks';

export const SORTS = ['position', 'due_date', '-due_date', '-created_at', 'created_at', '-updated_at', 'updated_at'] as const;
export type Sort = (typeof SORTS)[number];

export const SORT_LABELS: Record<Sort, string> = {
  position: 'Board order',
  due_date: 'Due date, soonest first',
  '-due_date': 'Due date, latest first',
  '-created_at': 'Newest first',
  created_at: 'Oldest first',
  '-updated_at': 'Recently updated',
  updated_at: 'Least recently updated',
};

export interface ListFilters {
  status_id?: string;
  assignee_id?: string;
  label_id?: string;
  parent_id?: string;
  due_before?: string;
  q?: string;
  sort: Sort;
}

export const FILTER_KEYS = ['status_id', 'assignee_id', 'label_id', 'parent_id', 'due_before', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const ID_KEYS: readonly FilterKey[] = ['status_id', 'assignee_id', 'label_id', 'parent_id'];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const Q_MAX = 200;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is not). */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isSort(value: string): value is Sort {
  return (SORTS as readonly string[]).includes(value);
}

/** The filters in an address's query; anything malformed is left out. */
export function filtersFromSearch(search: URLSearchParams): ListFilters {
  const filters: ListFilters = { sort: 'position' };
  for (const key of ID_KEYS) {
    const value = search.get(key)?.trim();
    if (value && isUuid(value)) filters[key] = value.toLowerCase();
  }
  const due = search.get('due_before')?.trim();
  if (due && isDate(due)) filters.due_before = due;
  const q = search.get('q');
  if (q && q.trim()) filters.q = [...q].slice(0, Q_MAX).join('');
  const sort = search.get('sort');
  if (sort && isSort(sort)) filters.sort = sort;
  return filters;
}

/**
 * `current` with the filter params replaced by `filters` (the default sort and
 * empty values are left out); other params (`task`) are kept.
 */
export function filtersToSearch(filters: ListFilters, current: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of [...FILTER_KEYS, 'sort'] as const) next.delete(key);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) next.set(key, value);
  }
  if (filters.sort !== 'position') next.set('sort', filters.sort);
  return next;
}

/** The query of `GET /projects/{id}/tasks` (and the stable cache key of the list). */
export function filtersToQuery(filters: ListFilters): TaskFilters {
  const query: TaskFilters = {};
  for (const key of FILTER_KEYS) {
    const value = key === 'q' ? filters.q?.trim() : filters[key];
    if (value) query[key] = value;
  }
  if (filters.sort !== 'position') query.sort = filters.sort;
  return query;
}

/** How many filters (not the sort) are set. */
export function activeFilterCount(filters: ListFilters): number {
  return FILTER_KEYS.filter((k) => Boolean(filters[k])).length;
}
