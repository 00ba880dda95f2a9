import { describe, expect, it } from 'vitest';
import { applyMove, compareKeys, groupColumns, keyBetween, locate, neighboursAt, provisionalPosition } from './ordering';

const valid = (k: string) => /^[0-9A-Za-z]+$/.test(k) && !k.endsWith('0');

describe('keyBetween', () => {
  it('answers a valid key strictly between its bounds', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['', '1'],
      ['', 'V'],
      ['V', ''],
      ['V', 'W'],
      ['V', 'V1'],
      ['V1', 'W'],
      ['z', ''],
      ['zz', ''],
      ['0001', '0002'],
      ['a', 'b'],
      ['Zz', 'a'],
    ];
    for (const [a, b] of cases) {
      const k = keyBetween(a, b);
      expect(valid(k), `${a}..${b} → ${k}`).toBe(true);
      if (a) expect(compareKeys(a, k), `${a} < ${k}`).toBe(-1);
      if (b) expect(compareKeys(k, b), `${k} < ${b}`).toBe(-1);
    }
  });

  it('keeps inserting between the same two neighbours without colliding', () => {
    let lo = 'V';
    const hi = 'W';
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const k = keyBetween(lo, hi);
      expect(compareKeys(lo, k)).toBe(-1);
      expect(compareKeys(k, hi)).toBe(-1);
      expect(seen.has(k)).toBe(false);
      seen.add(k);
      lo = k;
    }
    let top = '';
    let first = 'V';
    for (let i = 0; i < 200; i += 1) {
      const k = keyBetween(top, first);
      expect(compareKeys(k, first)).toBe(-1);
      expect(valid(k)).toBe(true);
      first = k;
      top = '';
    }
  });

  it('answers a key after the first bound when the bounds are out of order', () => {
    const k = keyBetween('b', 'a');
    expect(compareKeys('b', k)).toBe(-1);
  });
});

const t = (id: string, status_id: string, position: string) => ({ id, status_id, position });

describe('columns and moves', () => {
  const tasks = [t('a', 's1', 'V'), t('b', 's1', 'k'), t('c', 's1', 'a'), t('d', 's2', 'V'), t('e', 'gone', 'V')];

  it('groups tasks by status in bytewise position order; unknown statuses are left out', () => {
    const cols = groupColumns(tasks, ['s1', 's2', 's3']);
    expect(cols.get('s1')?.map((x) => x.id)).toEqual(['a', 'c', 'b']);
    expect(cols.get('s2')?.map((x) => x.id)).toEqual(['d']);
    expect(cols.get('s3')).toEqual([]);
    expect([...cols.keys()]).toEqual(['s1', 's2', 's3']);
    expect(locate(cols, 'b')).toEqual({ statusId: 's1', index: 2 });
    expect(locate(cols, 'e')).toBeNull();
  });

  it('names the neighbours of a drop slot, skipping the moving task', () => {
    const col = groupColumns(tasks, ['s1']).get('s1') ?? [];
    expect(neighboursAt(col, 'x', 0)).toEqual({ before_id: 'a' });
    expect(neighboursAt(col, 'x', 1)).toEqual({ after_id: 'a', before_id: 'c' });
    expect(neighboursAt(col, 'x', 3)).toEqual({ after_id: 'b' });
    expect(neighboursAt(col, 'x', 99)).toEqual({ after_id: 'b' });
    // Moving "a" within its own column to the end: a is not its own neighbour.
    expect(neighboursAt(col, 'a', 2)).toEqual({ after_id: 'b' });
    expect(neighboursAt(col, 'a', 0)).toEqual({ before_id: 'c' });
    expect(neighboursAt([], 'a', 0)).toEqual({});
  });

  it('places a moved task provisionally where it was dropped', () => {
    const moved = applyMove(tasks, tasks[3]!, 's1', 1); // d between a and c
    const col = groupColumns(moved, ['s1', 's2']);
    expect(col.get('s1')?.map((x) => x.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(col.get('s2')).toEqual([]);
    // The input is not changed.
    expect(tasks[3]).toEqual(t('d', 's2', 'V'));

    const down = applyMove(tasks, tasks[0]!, 's1', 2); // a to the end of its own column
    expect(groupColumns(down, ['s1']).get('s1')?.map((x) => x.id)).toEqual(['c', 'b', 'a']);
    const top = applyMove(tasks, tasks[1]!, 's1', 0);
    expect(groupColumns(top, ['s1']).get('s1')?.map((x) => x.id)).toEqual(['b', 'a', 'c']);
    expect(provisionalPosition([], 'a', 0)).toBe(keyBetween('', ''));
  });
});
