// What a press on a board card means, as pure decisions (Board.tsx does the
// DOM work). A mouse press that moves DRAG_THRESHOLD px starts a drag; one
// released without moving is a click (open the task). A touch or pen press
// cannot work that way: the browser pans the page as soon as the finger moves
// (and cancels the pointer), so a drag starts only after a press-and-hold
// (HOLD_MS without moving more than TOUCH_SLOP px). A touch that moves earlier
// is a swipe and is left to the browser; one lifted early is a tap.

/** Mouse: pixels to move before a press becomes a drag. */
export const DRAG_THRESHOLD = 5;
/** Touch and pen: how long to hold still before the card lifts. */
export const HOLD_MS = 300;
/** Touch and pen: how far the finger may wander while holding. */
export const TOUCH_SLOP = 8;

export type PressInput = 'mouse' | 'touch';

export interface PressState {
  input: PressInput;
  /** 'pending': down, not dragging yet; 'dragging': the card follows the pointer. */
  phase: 'pending' | 'dragging';
  /** Where the press started (client coordinates). */
  x: number;
  y: number;
  /** False on a read-only board: a press can only open the task. */
  canDrag: boolean;
}

export type PressEvent =
  | { type: 'move'; x: number; y: number }
  /** The hold timer (HOLD_MS after the press) fired. */
  | { type: 'hold' }
  | { type: 'up' }
  | { type: 'cancel' };

export type PressAction =
  /** Nothing to do. */
  | 'none'
  /** The drag starts (mouse: it moved; touch: it was held). */
  | 'start'
  /** The dragged card follows the pointer. */
  | 'move'
  /** Released while dragging: drop it where it is. */
  | 'drop'
  /** A click or a tap: open the task. */
  | 'open'
  /** A touch that moved before the hold: a swipe, the browser scrolls; forget the press. */
  | 'release'
  /** The press ended without a drop (pointercancel); a drag in progress is cancelled. */
  | 'cancel';

export interface PressStep {
  /** The state after the event; null when the press is over. */
  next: PressState | null;
  action: PressAction;
}

/** Touch screens and pens need the press-and-hold; everything else behaves like a mouse. */
export function inputOf(pointerType: string): PressInput {
  return pointerType === 'touch' || pointerType === 'pen' ? 'touch' : 'mouse';
}

export function startPress(input: PressInput, x: number, y: number, canDrag = true): PressState {
  return { input, phase: 'pending', x, y, canDrag };
}

export function stepPress(state: PressState, event: PressEvent): PressStep {
  if (event.type === 'cancel') return { next: null, action: 'cancel' };
  if (event.type === 'up') return { next: null, action: state.phase === 'dragging' ? 'drop' : 'open' };
  if (state.phase === 'dragging') {
    return event.type === 'move' ? { next: state, action: 'move' } : { next: state, action: 'none' };
  }
  // Pending.
  if (event.type === 'hold') {
    if (state.input !== 'touch' || !state.canDrag) return { next: state, action: 'none' };
    return { next: { ...state, phase: 'dragging' }, action: 'start' };
  }
  const distance = Math.hypot(event.x - state.x, event.y - state.y);
  if (state.input === 'touch') {
    return distance > TOUCH_SLOP ? { next: null, action: 'release' } : { next: state, action: 'none' };
  }
  if (distance < DRAG_THRESHOLD || !state.canDrag) return { next: state, action: 'none' };
  return { next: { ...state, phase: 'dragging' }, action: 'start' };
}

/**
 * Auto-scroll speed (pixels per frame) for a pointer at `pos` in a box spanning
 * `min`..`max`: negative within `edge` of `min`, positive within `edge` of
 * `max` (and beyond), faster closer to the edge, 0 in between.
 */
export function edgeSpeed(pos: number, min: number, max: number, edge = 48, maxSpeed = 14): number {
  if (!(max - min > 0) || !Number.isFinite(pos)) return 0;
  const zone = Math.min(edge, (max - min) / 2);
  if (pos < min + zone) return -Math.ceil(maxSpeed * Math.min(1, (min + zone - pos) / zone));
  if (pos > max - zone) return Math.ceil(maxSpeed * Math.min(1, (pos - (max - zone)) / zone));
  return 0;
}
