import { describe, expect, it } from 'vitest';
import { DRAG_THRESHOLD, edgeSpeed, inputOf, startPress, stepPress, TOUCH_SLOP, type PressEvent, type PressState } from './press';

/** Runs events through the machine; answers the actions and the final state. */
function run(state: PressState, events: PressEvent[]) {
  const actions: string[] = [];
  let current: PressState | null = state;
  for (const event of events) {
    if (!current) throw new Error(`event ${event.type} after the press ended`);
    const step = stepPress(current, event);
    actions.push(step.action);
    current = step.next;
  }
  return { actions, state: current };
}

describe('press on a card', () => {
  it('maps pointer types: touch and pen hold, the rest is a mouse', () => {
    expect(inputOf('touch')).toBe('touch');
    expect(inputOf('pen')).toBe('touch');
    expect(inputOf('mouse')).toBe('mouse');
    expect(inputOf('')).toBe('mouse');
  });

  it('mouse: moving past the threshold drags, then moves and drops', () => {
    const { actions, state } = run(startPress('mouse', 100, 100), [
      { type: 'move', x: 102, y: 101 },
      { type: 'move', x: 100 + DRAG_THRESHOLD, y: 100 },
      { type: 'move', x: 150, y: 120 },
      { type: 'up' },
    ]);
    expect(actions).toEqual(['none', 'start', 'move', 'drop']);
    expect(state).toBeNull();
  });

  it('mouse: a click without movement opens; the hold timer means nothing', () => {
    expect(run(startPress('mouse', 10, 10), [{ type: 'hold' }, { type: 'move', x: 11, y: 12 }, { type: 'up' }]).actions).toEqual([
      'none',
      'none',
      'open',
    ]);
  });

  it('touch: a press held still lifts the card, moving drags it, lifting drops it', () => {
    const { actions, state } = run(startPress('touch', 50, 50), [
      { type: 'move', x: 53, y: 52 }, // a finger is never quite still
      { type: 'hold' },
      { type: 'move', x: 60, y: 50 },
      { type: 'move', x: 400, y: 90 },
      { type: 'up' },
    ]);
    expect(actions).toEqual(['none', 'start', 'move', 'move', 'drop']);
    expect(state).toBeNull();
  });

  it('touch: held and lifted without moving drops in place (does not open)', () => {
    expect(run(startPress('touch', 0, 0), [{ type: 'hold' }, { type: 'up' }]).actions).toEqual(['start', 'drop']);
  });

  it('touch: moving before the hold is a swipe, left to the browser', () => {
    const { actions, state } = run(startPress('touch', 50, 50), [{ type: 'move', x: 50, y: 50 + TOUCH_SLOP + 1 }]);
    expect(actions).toEqual(['release']);
    expect(state).toBeNull();
    // Less than the mouse threshold is still a swipe once past the slop; within it, nothing yet.
    expect(stepPress(startPress('touch', 0, 0), { type: 'move', x: TOUCH_SLOP, y: 0 }).action).toBe('none');
  });

  it('touch: a quick tap opens the task', () => {
    expect(run(startPress('touch', 5, 5), [{ type: 'move', x: 6, y: 5 }, { type: 'up' }]).actions).toEqual(['none', 'open']);
  });

  it('pointercancel ends the press, and a drag in progress', () => {
    expect(run(startPress('touch', 0, 0), [{ type: 'cancel' }])).toEqual({ actions: ['cancel'], state: null });
    expect(run(startPress('touch', 0, 0), [{ type: 'hold' }, { type: 'cancel' }]).actions).toEqual(['start', 'cancel']);
    expect(run(startPress('mouse', 0, 0), [{ type: 'move', x: 20, y: 0 }, { type: 'cancel' }]).actions).toEqual(['start', 'cancel']);
  });

  it('a second hold while dragging changes nothing', () => {
    const { actions, state } = run(startPress('touch', 0, 0), [{ type: 'hold' }, { type: 'hold' }]);
    expect(actions).toEqual(['start', 'none']);
    expect(state?.phase).toBe('dragging');
  });

  it('read-only: a press only opens (no lift, no drag), a swipe is still a swipe', () => {
    expect(run(startPress('touch', 0, 0, false), [{ type: 'hold' }, { type: 'up' }]).actions).toEqual(['none', 'open']);
    expect(run(startPress('touch', 0, 0, false), [{ type: 'hold' }, { type: 'move', x: 40, y: 0 }]).actions).toEqual(['none', 'release']);
    expect(run(startPress('mouse', 0, 0, false), [{ type: 'move', x: 40, y: 0 }, { type: 'up' }]).actions).toEqual(['none', 'open']);
  });
});

describe('edgeSpeed', () => {
  it('is 0 away from the edges, negative near the start, positive near the end', () => {
    expect(edgeSpeed(500, 0, 1000)).toBe(0);
    expect(edgeSpeed(48, 0, 1000)).toBe(0);
    expect(edgeSpeed(40, 0, 1000)).toBeLessThan(0);
    expect(edgeSpeed(960, 0, 1000)).toBeGreaterThan(0);
  });

  it('grows towards the edge, capped beyond it', () => {
    expect(Math.abs(edgeSpeed(2, 0, 1000))).toBeGreaterThan(Math.abs(edgeSpeed(40, 0, 1000)));
    expect(edgeSpeed(1000, 0, 1000)).toBe(14);
    expect(edgeSpeed(5000, 0, 1000)).toBe(14);
    expect(edgeSpeed(-300, 0, 1000)).toBe(-14);
  });

  it('keeps a middle in a small box and ignores nonsense', () => {
    expect(edgeSpeed(30, 0, 60)).toBe(0);
    expect(edgeSpeed(10, 0, 60)).toBeLessThan(0);
    expect(edgeSpeed(10, 0, 0)).toBe(0);
    expect(edgeSpeed(Number.NaN, 0, 100)).toBe(0);
  });
});
