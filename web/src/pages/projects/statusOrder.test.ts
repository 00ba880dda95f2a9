import { describe, expect, it } from 'vitest';
import type { Status } from '../../api/projects';
import { moveStatus, planStatusMove } from './statusOrder';

const status = (id: string, position: string): Status => ({ id, project_id: 'p', name: id, category: 'todo', position });
const list = [status('a', 'a0'), status('b', 'b0'), status('c', 'c0'), status('d', 'd0')];

describe('planStatusMove', () => {
  it('moves up by placing the status right before the one it passes', () => {
    expect(planStatusMove(list, 2, -1)).toEqual({ before_id: 'b' });
    expect(planStatusMove(list, 3, -3)).toEqual({ before_id: 'a' });
  });

  it('moves down by placing the status right after the one it passes', () => {
    expect(planStatusMove(list, 0, 1)).toEqual({ after_id: 'b' });
    expect(planStatusMove(list, 1, 2)).toEqual({ after_id: 'd' });
  });

  it('clamps at the ends and refuses moves that change nothing', () => {
    expect(planStatusMove(list, 0, -1)).toBeNull();
    expect(planStatusMove(list, 3, 1)).toBeNull();
    expect(planStatusMove(list, 1, 0)).toBeNull();
    expect(planStatusMove(list, 2, 10)).toEqual({ after_id: 'd' });
    expect(planStatusMove(list, -1, 1)).toBeNull();
    expect(planStatusMove(list, 4, -1)).toBeNull();
    expect(planStatusMove([], 0, 1)).toBeNull();
  });
});

describe('moveStatus', () => {
  it('answers the order the server will have after the planned move', () => {
    expect(moveStatus(list, 2, -1).map((s) => s.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveStatus(list, 0, 1).map((s) => s.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveStatus(list, 0, 99).map((s) => s.id)).toEqual(['b', 'c', 'd', 'a']);
    expect(moveStatus(list, 3, -1).map((s) => s.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('agrees with planStatusMove for every move', () => {
    for (let i = 0; i < list.length; i += 1) {
      for (const delta of [-3, -2, -1, 1, 2, 3]) {
        const plan = planStatusMove(list, i, delta);
        const after = moveStatus(list, i, delta);
        const at = after.findIndex((s) => s.id === list[i]!.id);
        if (!plan) {
          expect(after.map((s) => s.id)).toEqual(list.map((s) => s.id));
        } else if ('after_id' in plan) {
          expect(after[at - 1]?.id).toBe(plan.after_id);
        } else {
          expect(after[at + 1]?.id).toBe(plan.before_id);
        }
      }
    }
  });

  it('leaves the input untouched', () => {
    const copy = [...list];
    moveStatus(list, 0, 2);
    expect(list).toEqual(copy);
  });
});
