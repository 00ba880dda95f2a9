// The kanban board: columns = statuses, cards in `position` order. Drag and
// drop with pointer events (one set of listeners on the board, not per card)
// and with the keyboard (Space/Enter picks up, arrows move, Space/Enter drops,
// Escape cancels), announced in an aria-live region. A drop calls
// `moveOptimistic` (moves.ts): the card moves at once, the server reconciles.
// On a touch screen (or with a pen) a card lifts after a press-and-hold
// (press.ts decides what a press means); a quick swipe still scrolls.
import { useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { taskKeys, type Label, type Status, type Task } from '../../api/tasks';
import { errorMessage } from '../../lib/errors';
import { applyMove, groupColumns, locate } from '../../lib/ordering';
import { Banner } from '../../ui';
import { Card, CardBody, type PersonRef } from './Card';
import { isNoop, moveOptimistic, type MoveTarget } from './moves';
import { edgeSpeed, HOLD_MS, inputOf, startPress, stepPress, type PressState } from './press';
import { QuickAdd } from './QuickAdd';

export interface BoardProps {
  wsId: string;
  projectId: string;
  statuses: readonly Status[];
  tasks: readonly Task[];
  labels: ReadonlyMap<string, Label>;
  people: ReadonlyMap<string, PersonRef>;
  readOnly: boolean;
  onOpen: (taskId: string) => void;
}

interface DragState {
  taskId: string;
  mode: 'pointer' | 'keyboard';
  target: MoveTarget;
  /** Where it started (Escape puts it back). */
  origin: MoveTarget;
  /** A pointer drag by touch or pen (lifted by a press-and-hold). */
  touch?: boolean;
}

interface Press {
  taskId: string;
  pointerId: number;
  x: number;
  y: number;
  /** Pointer offset inside the card, so the ghost does not jump. */
  dx: number;
  dy: number;
  width: number;
  state: PressState;
  /** The latest pointer position (touch auto-scroll runs between moves). */
  lastX: number;
  lastY: number;
  /**
   * Touch: the element the touch started on. Touch events keep going to it
   * even after React moved the card to another column (and dropped that
   * element from the document), so it carries its own touchmove guard.
   */
  touchTarget: EventTarget | null;
}

const EDGE = 48;

function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface ColumnProps {
  status: Status;
  tasks: readonly Task[];
  total: number;
  wsId: string;
  projectId: string;
  labels: ReadonlyMap<string, Label>;
  people: ReadonlyMap<string, PersonRef>;
  today: string;
  dragId: string | null;
  lifted: boolean;
  readOnly: boolean;
  dropTarget: boolean;
}

const Column = memo(function Column({ status, tasks, total, wsId, projectId, labels, people, today, dragId, lifted, readOnly, dropTarget }: ColumnProps) {
  const headingId = `board-col-${status.id}`;
  return (
    <section
      className={['board-column', dropTarget && 'board-column--target'].filter(Boolean).join(' ')}
      aria-labelledby={headingId}
      data-status-id={status.id}
      data-testid="board-column"
      data-status-name={status.name}
    >
      <header className="board-column__header">
        <h3 id={headingId} className="board-column__title">
          <span className={`status-dot status-dot--${status.category}`} aria-hidden="true" />
          {status.name}
        </h3>
        <span className="board-column__count" aria-label={`${total} tasks`}>
          {total}
        </span>
      </header>
      <ul className="board-list" data-status-id={status.id} aria-labelledby={headingId}>
        {tasks.map((t) => (
          <Card
            key={t.id}
            task={t}
            labels={labels}
            assignee={t.assignee_id ? people.get(t.assignee_id) : undefined}
            today={today}
            dragging={t.id === dragId && !lifted}
            lifted={t.id === dragId && lifted}
          />
        ))}
      </ul>
      {!readOnly && <QuickAdd wsId={wsId} projectId={projectId} statusId={status.id} statusName={status.name} />}
    </section>
  );
});

export function Board({ wsId, projectId, statuses, tasks, labels, people, readOnly, onOpen }: BoardProps) {
  const queryClient = useQueryClient();
  const [drag, setDrag] = useState<DragState | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  const ghostRef = useRef<HTMLDivElement>(null);
  const pressRef = useRef<Press | null>(null);
  const dragRef = useRef<DragState | null>(null);
  dragRef.current = drag;
  const today = useMemo(todayLocal, []);
  const statusIds = useMemo(() => statuses.map((s) => s.id), [statuses]);
  const statusName = useCallback((id: string) => statuses.find((s) => s.id === id)?.name ?? 'a column', [statuses]);

  const byId = useMemo(() => new Map(tasks.map((t) => [t.id, t])), [tasks]);
  const columns = useMemo(() => groupColumns(tasks, statusIds), [tasks, statusIds]);
  // While dragging, the board shows the card at its target slot.
  const shown = useMemo(() => {
    if (!drag) return columns;
    const task = byId.get(drag.taskId);
    if (!task) return columns;
    return groupColumns(applyMove(tasks, task, drag.target.statusId, drag.target.index), statusIds);
  }, [drag, columns, byId, tasks, statusIds]);

  const describe = useCallback(
    (target: MoveTarget, taskId: string) => {
      const size = (columns.get(target.statusId) ?? []).filter((t) => t.id !== taskId).length + 1;
      return `${statusName(target.statusId)}, position ${target.index + 1} of ${size}`;
    },
    [columns, statusName],
  );

  const commit = useCallback(
    async (state: DragState) => {
      const task = byId.get(state.taskId);
      setDrag(null);
      if (!task) return;
      const current = queryClient.getQueryData<Task[]>(taskKeys.board(wsId, projectId)) ?? [];
      if (isNoop(current, state.taskId, state.target)) {
        setAnnouncement(`${task.key} dropped where it was.`);
        return;
      }
      setError(null);
      setAnnouncement(`${task.key} dropped in ${describe(state.target, state.taskId)}.`);
      try {
        await moveOptimistic(queryClient, wsId, projectId, state.taskId, state.target, statuses);
      } catch (err) {
        const message = `Could not move ${task.key}: ${errorMessage(err)} It is back where it was.`;
        setError(message);
        setAnnouncement(message);
      }
    },
    [byId, queryClient, wsId, projectId, statuses, describe],
  );

  // Keep focus on the card being moved with the keyboard (it changes lists as it moves).
  useLayoutEffect(() => {
    if (drag?.mode !== 'keyboard') return;
    const el = boardRef.current?.querySelector<HTMLElement>(`[data-task-id="${drag.taskId}"]`);
    if (el && document.activeElement !== el) el.focus();
  }, [drag]);

  // After a keyboard drop the card re-renders (optimistic order, then the server's):
  // keep giving it focus for a moment, unless the user went elsewhere.
  const refocus = useRef<{ taskId: string; until: number } | null>(null);
  const focusCard = (taskId: string) => {
    refocus.current = { taskId, until: Date.now() + 2000 };
    // Only while still wanted: a key pressed on another card since (picking it up) ends it.
    requestAnimationFrame(() => {
      if (refocus.current?.taskId !== taskId) return;
      boardRef.current?.querySelector<HTMLElement>(`[data-task-id="${taskId}"]`)?.focus();
    });
  };
  useLayoutEffect(() => {
    const want = refocus.current;
    if (!want) return;
    if (Date.now() > want.until) {
      refocus.current = null;
      return;
    }
    const el = boardRef.current?.querySelector<HTMLElement>(`[data-task-id="${want.taskId}"]`);
    const active = document.activeElement;
    const elsewhere = active && active !== document.body && !active.closest('[data-task-id]');
    if (el && !elsewhere && active !== el) el.focus();
  });

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Tab') refocus.current = null;
    const cardEl = (e.target as HTMLElement).closest<HTMLElement>('[data-task-id]');
    if (!cardEl || e.target !== cardEl) return;
    const taskId = cardEl.dataset.taskId as string;
    const task = byId.get(taskId);
    if (!task) return;
    const state = dragRef.current;
    if (refocus.current?.taskId !== taskId) refocus.current = null;
    const pick = e.key === ' ' || e.key === 'Enter';
    if (!state || state.mode !== 'keyboard' || state.taskId !== taskId) {
      if (pick && !readOnly) {
        e.preventDefault();
        const at = locate(columns, taskId);
        if (!at) return;
        setDrag({ taskId, mode: 'keyboard', target: at, origin: at });
        setAnnouncement(`Picked up ${task.key}. ${describe(at, taskId)}. Arrow keys move it, Space or Enter drops it, Escape cancels.`);
      } else if (e.key === 'o' || e.key === 'O') {
        e.preventDefault();
        onOpen(taskId);
      }
      return;
    }
    const { target } = state;
    const others = (id: string) => (columns.get(id) ?? []).filter((t) => t.id !== taskId).length;
    let next: MoveTarget | null = null;
    switch (e.key) {
      case 'ArrowUp':
        next = { statusId: target.statusId, index: Math.max(0, target.index - 1) };
        break;
      case 'ArrowDown':
        next = { statusId: target.statusId, index: Math.min(others(target.statusId), target.index + 1) };
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const col = statusIds.indexOf(target.statusId) + (e.key === 'ArrowLeft' ? -1 : 1);
        const statusId = statusIds[col];
        next = statusId ? { statusId, index: Math.min(others(statusId), target.index) } : target;
        break;
      }
      case ' ':
      case 'Enter':
        e.preventDefault();
        void commit(state);
        focusCard(taskId);
        return;
      case 'Escape':
        e.preventDefault();
        setDrag(null);
        setAnnouncement(`Move of ${task.key} cancelled. It is back in ${describe(state.origin, taskId)}.`);
        focusCard(taskId);
        return;
      case 'Tab':
        // Leaving the card drops nothing.
        setDrag(null);
        setAnnouncement(`Move of ${task.key} cancelled.`);
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next.statusId !== target.statusId || next.index !== target.index) {
      setDrag({ ...state, target: next });
      setAnnouncement(`${task.key}: ${describe(next, taskId)}.`);
    }
  };

  // Pointer drag ---------------------------------------------------------------

  const hitTest = useCallback(
    (x: number, y: number, taskId: string): MoveTarget | null => {
      const board = boardRef.current;
      if (!board) return null;
      const lists = [...board.querySelectorAll<HTMLElement>('ul.board-list')];
      let best: HTMLElement | null = null;
      let bestDistance = Infinity;
      for (const list of lists) {
        const r = list.parentElement?.getBoundingClientRect() ?? list.getBoundingClientRect();
        const distance = x < r.left ? r.left - x : x > r.right ? x - r.right : 0;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = list;
        }
      }
      if (!best) return null;
      const statusId = best.dataset.statusId as string;
      let index = 0;
      for (const el of best.querySelectorAll<HTMLElement>('[data-task-id]')) {
        if (el.dataset.taskId === taskId) continue;
        const r = el.getBoundingClientRect();
        if (y > r.top + r.height / 2) index += 1;
      }
      // Near the list's edges, scroll it.
      const lr = best.getBoundingClientRect();
      if (y < lr.top + EDGE && best.scrollTop > 0) best.scrollTop -= 12;
      else if (y > lr.bottom - EDGE && best.scrollTop + best.clientHeight < best.scrollHeight) best.scrollTop += 12;
      return { statusId, index };
    },
    [],
  );

  const moveGhost = (x: number, y: number) => {
    const press = pressRef.current;
    const ghost = ghostRef.current;
    if (!press || !ghost) return;
    ghost.style.transform = `translate(${Math.round(x - press.dx)}px, ${Math.round(y - press.dy)}px)`;
  };

  // Moves the drop target to what is under (x, y).
  const track = useCallback(
    (x: number, y: number, taskId: string) => {
      const target = hitTest(x, y, taskId);
      const state = dragRef.current;
      if (target && state && (target.statusId !== state.target.statusId || target.index !== state.target.index)) {
        setDrag({ ...state, target });
      }
    },
    [hitTest],
  );

  // While a touch drag is on, the browser must not scroll: touchmove is
  // cancelled (only then; before the hold a swipe scrolls as usual). The
  // listener has to be non-passive and on the board before the touch starts
  // (Chrome decides at touchstart whether it may scroll without asking), and
  // also on the touch's own target (see `Press.touchTarget`). A cancelled
  // touchmove keeps the browser from panning, so no pointercancel arrives.
  const touchGuard = useMemo(
    () => (e: Event) => {
      const press = pressRef.current;
      if (press?.state.input === 'touch' && press.state.phase === 'dragging' && e.cancelable) e.preventDefault();
    },
    [],
  );
  const holdTimer = useRef(0);
  const scrollFrame = useRef(0);

  /** Forgets the press: timer, auto-scroll, the touch target's guard. */
  const endPress = useCallback(() => {
    const press = pressRef.current;
    pressRef.current = null;
    window.clearTimeout(holdTimer.current);
    holdTimer.current = 0;
    cancelAnimationFrame(scrollFrame.current);
    scrollFrame.current = 0;
    press?.touchTarget?.removeEventListener('touchmove', touchGuard);
  }, [touchGuard]);

  useEffect(() => {
    const board = boardRef.current;
    if (!board) return;
    // A long press opens the context menu (or a callout) on phones: not while pressing a card.
    const onContextMenu = (e: Event) => {
      if (pressRef.current?.state.input === 'touch') e.preventDefault();
    };
    board.addEventListener('touchmove', touchGuard, { passive: false });
    board.addEventListener('contextmenu', onContextMenu);
    return () => {
      board.removeEventListener('touchmove', touchGuard);
      board.removeEventListener('contextmenu', onContextMenu);
      endPress();
    };
  }, [touchGuard, endPress]);

  /** Lifts the pressed card (mouse: it moved; touch: it was held). False when it is gone. */
  const beginDrag = useCallback(
    (press: Press): boolean => {
      const at = locate(columns, press.taskId);
      if (!at) return false;
      const task = byId.get(press.taskId);
      const touch = press.state.input === 'touch';
      setDrag({ taskId: press.taskId, mode: 'pointer', target: at, origin: at, touch });
      if (task) setAnnouncement(touch ? `Lifted ${task.key}. Move your finger to drag it, lift it to drop.` : `Dragging ${task.key}.`);
      return true;
    },
    [columns, byId],
  );

  // Touch drags scroll the board sideways, the page and a column's list when the
  // finger rests near their edges (a finger cannot scroll while it drags).
  const autoScroll = useCallback(() => {
    scrollFrame.current = 0;
    const press = pressRef.current;
    const board = boardRef.current;
    if (!press || !board || press.state.input !== 'touch' || press.state.phase !== 'dragging') return;
    const r = board.getBoundingClientRect();
    const sx = edgeSpeed(press.lastX, r.left, r.right, EDGE);
    const sy = edgeSpeed(press.lastY, 0, window.innerHeight, EDGE);
    if (sx !== 0) board.scrollLeft += sx;
    if (sy !== 0) window.scrollBy(0, sy);
    track(press.lastX, press.lastY, press.taskId);
    scrollFrame.current = requestAnimationFrame(autoScroll);
  }, [track]);

  const holdRef = useRef<() => void>(() => {});
  holdRef.current = () => {
    holdTimer.current = 0;
    const press = pressRef.current;
    if (!press) return;
    const { next, action } = stepPress(press.state, { type: 'hold' });
    if (action !== 'start' || !next) return;
    if (!beginDrag(press)) {
      endPress();
      return;
    }
    press.state = next;
    scrollFrame.current = requestAnimationFrame(autoScroll);
  };

  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      const press = pressRef.current;
      if (!press || e.pointerId !== press.pointerId) return;
      press.lastX = e.clientX;
      press.lastY = e.clientY;
      const { next, action } = stepPress(press.state, { type: 'move', x: e.clientX, y: e.clientY });
      if (action === 'release') {
        // A swipe: the browser scrolls.
        endPress();
        return;
      }
      if (action !== 'start' && action !== 'move') return;
      if (action === 'start' && !beginDrag(press)) return;
      if (next) press.state = next;
      e.preventDefault();
      moveGhost(e.clientX, e.clientY);
      track(e.clientX, e.clientY, press.taskId);
    };
    const onUp = (e: PointerEvent) => {
      const press = pressRef.current;
      if (!press || e.pointerId !== press.pointerId) return;
      const { action } = stepPress(press.state, { type: 'up' });
      endPress();
      const state = dragRef.current;
      if (action === 'open') {
        onOpen(press.taskId);
        return;
      }
      if (action === 'drop' && state && state.mode === 'pointer') {
        const target = hitTest(e.clientX, e.clientY, press.taskId) ?? state.target;
        void commit({ ...state, target });
      }
    };
    const onCancel = (e: PointerEvent) => {
      const press = pressRef.current;
      if (!press || e.pointerId !== press.pointerId) return;
      endPress();
      if (dragRef.current?.mode === 'pointer') setDrag(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && pressRef.current?.state.phase === 'dragging') {
        endPress();
        setDrag(null);
        setAnnouncement('Move cancelled.');
      }
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      window.removeEventListener('keydown', onKey);
    };
  }, [hitTest, track, commit, onOpen, beginDrag, endPress]);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    refocus.current = null;
    if (e.button !== 0 || !e.isPrimary) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, button, a, form')) return;
    const cardEl = target.closest<HTMLElement>('[data-task-id]');
    if (!cardEl) return;
    const input = inputOf(e.pointerType);
    endPress();
    // Read-only: a click opens the task at once. A touch waits for the tap's
    // end (a swipe that starts on a card must still scroll).
    if (readOnly && input === 'mouse') {
      onOpen(cardEl.dataset.taskId as string);
      return;
    }
    const r = cardEl.getBoundingClientRect();
    pressRef.current = {
      taskId: cardEl.dataset.taskId as string,
      pointerId: e.pointerId,
      x: e.clientX,
      y: e.clientY,
      dx: e.clientX - r.left,
      dy: e.clientY - r.top,
      width: r.width,
      state: startPress(input, e.clientX, e.clientY, !readOnly),
      lastX: e.clientX,
      lastY: e.clientY,
      touchTarget: input === 'touch' ? target : null,
    };
    if (input === 'touch') {
      target.addEventListener('touchmove', touchGuard, { passive: false });
      if (!readOnly) holdTimer.current = window.setTimeout(() => holdRef.current(), HOLD_MS);
    }
  };

  // Position the ghost as soon as it exists.
  useLayoutEffect(() => {
    const press = pressRef.current;
    if (drag?.mode === 'pointer' && press) moveGhost(press.x, press.y);
  }, [drag?.mode, drag?.taskId]);

  const dragTask = drag ? byId.get(drag.taskId) : undefined;
  const lifted = drag?.mode === 'keyboard';

  return (
    <>
      {error && (
        <Banner tone="danger" onDismiss={() => setError(null)} data-testid="board-error">
          {error}
        </Banner>
      )}
      <p id="board-dnd-help" className="visually-hidden">
        {readOnly
          ? 'This project is archived: read-only. Press O to open a task.'
          : 'Press Space or Enter to pick up a task, the arrow keys to move it, Space or Enter to drop it and Escape to cancel. Press O to open it.'}
      </p>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="board-live">
        {announcement}
      </div>
      <div
        ref={boardRef}
        className={['board', drag?.mode === 'pointer' && 'board--dragging', drag?.touch && 'board--touch-drag'].filter(Boolean).join(' ')}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
        data-testid="board"
        data-ready={tasks ? 'true' : undefined}
      >
        {statuses.map((s) => {
          const list = shown.get(s.id) ?? [];
          return (
            <Column
              key={s.id}
              status={s}
              tasks={list}
              total={list.length}
              wsId={wsId}
              projectId={projectId}
              labels={labels}
              people={people}
              today={today}
              dragId={drag && list.some((t) => t.id === drag.taskId) ? drag.taskId : null}
              lifted={lifted}
              readOnly={readOnly}
              dropTarget={drag !== null && drag.target.statusId === s.id}
            />
          );
        })}
      </div>
      {drag?.mode === 'pointer' && dragTask && (
        <div
          ref={ghostRef}
          className={['board-ghost', drag.touch && 'board-ghost--touch'].filter(Boolean).join(' ')}
          aria-hidden="true"
          style={{ width: pressRef.current?.width }}
        >
          <div className="board-card board-card--ghost">
            <CardBody task={dragTask} labels={labels} assignee={dragTask.assignee_id ? people.get(dragTask.assignee_id) : undefined} today={today} />
          </div>
        </div>
      )}
    </>
  );
}
