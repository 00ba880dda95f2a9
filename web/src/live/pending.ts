// Tasks with an optimistic write in flight (a drag, a quick edit). Live events
// about such a task are held back until the write settles, so the echo of an
// earlier change of ours (or a stale one) never makes a card jump back while
// the server has not answered; the freshest held event is applied afterwards
// when its version is newer than what the answer left in the cache.
import type { WorkspaceEvent } from '../api/types';

const inFlight = new Map<string, number>();
const held = new Map<string, { event: WorkspaceEvent; apply: (e: WorkspaceEvent) => void }>();

export function isPending(taskId: string): boolean {
  return (inFlight.get(taskId) ?? 0) > 0;
}

/** Marks a write on `taskId` as started; call the answer when it settles (success or failure). */
export function beginWrite(taskId: string): () => void {
  inFlight.set(taskId, (inFlight.get(taskId) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (inFlight.get(taskId) ?? 1) - 1;
    if (left > 0) {
      inFlight.set(taskId, left);
      return;
    }
    inFlight.delete(taskId);
    const waiting = held.get(taskId);
    held.delete(taskId);
    if (waiting) waiting.apply(waiting.event);
  };
}

/** Keeps the newest event for a pending task (by seq); `apply` runs when the task's writes settle. */
export function hold(taskId: string, event: WorkspaceEvent, apply: (e: WorkspaceEvent) => void): void {
  const current = held.get(taskId);
  if (!current || current.event.seq < event.seq) held.set(taskId, { event, apply });
}

/** For tests. */
export function resetPending(): void {
  inFlight.clear();
  held.clear();
}
