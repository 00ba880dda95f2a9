import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromSearch, filtersToQuery, filtersToSearch, isDate } from './filters';
import { nextRow } from './rows';

const S = '0193a000-0000-7000-8000-000000000001';
const U = '0193a000-0000-7000-8000-000000000002';
const L = '0193a000-0000-7000-8000-000000000003';

describe('filters in the address', () => {
  it('reads the API names and drops what the API would refuse', () => {
    const f = filtersFromSearch(
      new URLSearchParams(`status_id=${S}&assignee_id=nope&label_id=${L.toUpperCase()}&due_before=2026-02-30&q=%20&sort=priority&task=x`),
    );
    expect(f).toEqual({ status_id: S, label_id: L, sort: 'position' });
  });

  it('round-trips every filter and sort, keeping other parameters', () => {
    const filters = { status_id: S, assignee_id: U, label_id: L, parent_id: S, due_before: '2026-12-01', q: 'ship it', sort: '-updated_at' as const };
    const search = filtersToSearch(filters, new URLSearchParams('task=abc&status_id=old'));
    expect(search.get('task')).toBe('abc');
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('leaves the default sort and empty filters out of the address', () => {
    const search = filtersToSearch({ sort: 'position', q: '', status_id: undefined }, new URLSearchParams('q=old&sort=due_date'));
    expect(search.toString()).toBe('');
  });

  it('keeps the text as typed in the address but trims it for the API', () => {
    const f = filtersFromSearch(new URLSearchParams('q=%20report%20'));
    expect(f.q).toBe(' report ');
    expect(filtersToQuery(f)).toEqual({ q: 'report' });
  });

  it('caps the text at 200 characters (the API refuses more)', () => {
    const f = filtersFromSearch(new URLSearchParams({ q: 'é'.repeat(300) }));
    expect([...(f.q ?? '')]).toHaveLength(200);
  });

  it('builds the API query with the sort only when it is not board order', () => {
    expect(filtersToQuery({ sort: 'position' })).toEqual({});
    expect(filtersToQuery({ sort: 'due_date', assignee_id: U })).toEqual({ assignee_id: U, sort: 'due_date' });
  });

  it('counts filters, not the sort', () => {
    expect(activeFilterCount({ sort: '-created_at' })).toBe(0);
    expect(activeFilterCount({ sort: 'position', q: 'x', label_id: L })).toBe(2);
  });

  it('knows real dates', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('26-01-01')).toBe(false);
  });
});

describe('row keys', () => {
  it('moves by one, stops at the ends, jumps with Home/End and pages by 10', () => {
    expect(nextRow(0, 'ArrowDown', 3)).toBe(1);
    expect(nextRow(2, 'ArrowDown', 3)).toBe(2);
    expect(nextRow(0, 'ArrowUp', 3)).toBe(0);
    expect(nextRow(1, 'Home', 3)).toBe(0);
    expect(nextRow(0, 'End', 3)).toBe(2);
    expect(nextRow(0, 'PageDown', 30)).toBe(10);
    expect(nextRow(5, 'PageUp', 30)).toBe(0);
    expect(nextRow(0, 'a', 3)).toBeNull();
    expect(nextRow(0, 'ArrowDown', 0)).toBeNull();
  });
});
