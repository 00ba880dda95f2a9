import { describe, expect, it } from 'vitest';
import { planMembership } from './teamMembership';

describe('planMembership', () => {
  it('adds the new ones and removes the unticked ones, leaving the rest alone', () => {
    expect(planMembership(['a', 'b', 'c'], new Set(['b', 'd', 'c', 'e']))).toEqual({ add: ['d', 'e'], remove: ['a'] });
  });

  it('does nothing when nothing changed', () => {
    expect(planMembership(['a', 'b'], new Set(['b', 'a']))).toEqual({ add: [], remove: [] });
  });
});
