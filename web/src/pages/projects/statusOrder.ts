import type { Status } from '../../api/projects';

/**
 * The body of `PATCH /statuses/{id}` that moves `statuses[index]` by `delta`
 * places (−1 up, +1 down; clamped): right before the status it passes going up,
 * right after it going down. `null` when it cannot move (already first/last).
 */
export function planStatusMove(statuses: readonly Status[], index: number, delta: number): { after_id: string } | { before_id: string } | null {
  if (index < 0 || index >= statuses.length || delta === 0) return null;
  const target = Math.max(0, Math.min(statuses.length - 1, index + delta));
  if (target === index) return null;
  const passed = statuses[target];
  if (!passed) return null;
  return target < index ? { before_id: passed.id } : { after_id: passed.id };
}

/** The list after moving `statuses[index]` to `index + delta` (clamped), as the server will order it. */
export function moveStatus<T>(statuses: readonly T[], index: number, delta: number): T[] {
  const list = [...statuses];
  if (index < 0 || index >= list.length) return list;
  const target = Math.max(0, Math.min(list.length - 1, index + delta));
  const [moved] = list.splice(index, 1);
  if (moved !== undefined) list.splice(target, 0, moved);
  return list;
}
