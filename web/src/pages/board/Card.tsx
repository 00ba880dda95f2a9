import { memo } from 'react';
import { PRIORITY_LABELS, type Label, type Task } from '../../api/tasks';

export interface PersonRef {
  name: string;
  initials: string;
}

export interface CardProps {
  task: Task;
  /** Label id → label (workspace labels). */
  labels: ReadonlyMap<string, Label>;
  assignee: PersonRef | undefined;
  /** Today as YYYY-MM-DD (local): earlier due dates of open tasks are overdue. */
  today: string;
  /** The card is being dragged (it stays in place as a placeholder). */
  dragging?: boolean;
  /** Picked up with the keyboard. */
  lifted?: boolean;
}

const dueFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function formatDue(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : dueFormat.format(d);
}

export function isOverdue(task: Pick<Task, 'due_date' | 'status_category'>, today: string): boolean {
  return task.due_date !== null && task.status_category !== 'done' && task.due_date < today;
}

/** What a card shows; also the drag ghost. Cheap on purpose: a board may hold hundreds. */
export function CardBody({ task, labels, assignee, today }: Omit<CardProps, 'dragging' | 'lifted'>) {
  const overdue = isOverdue(task, today);
  return (
    <>
      <div className="board-card__top">
        <span className="board-card__key mono">{task.key}</span>
        {task.priority !== 'none' && (
          <span className={`board-card__priority board-card__priority--${task.priority}`} title={`Priority: ${PRIORITY_LABELS[task.priority]}`}>
            {PRIORITY_LABELS[task.priority]}
          </span>
        )}
      </div>
      <p className="board-card__title">{task.title}</p>
      {(task.labels.length > 0 || task.due_date || assignee) && (
        <div className="board-card__meta">
          {task.labels.map((id) => {
            const label = labels.get(id);
            if (!label) return null;
            return (
              <span key={id} className="label-chip">
                <span className="label-chip__dot" style={{ backgroundColor: label.color }} aria-hidden="true" />
                {label.name}
              </span>
            );
          })}
          {task.due_date && (
            <span className={overdue ? 'board-card__due board-card__due--overdue' : 'board-card__due'} data-testid="card-due">
              {overdue ? 'Overdue · ' : 'Due '}
              {formatDue(task.due_date)}
            </span>
          )}
          {assignee && (
            <span className="avatar board-card__assignee" title={`Assigned to ${assignee.name}`} aria-label={`Assigned to ${assignee.name}`}>
              {assignee.initials}
            </span>
          )}
        </div>
      )}
    </>
  );
}

/** A board card. Pointer and keyboard handling live on the board (one listener for all cards). */
export const Card = memo(function Card({ task, labels, assignee, today, dragging = false, lifted = false }: CardProps) {
  return (
    <li className="board-list__item">
      <div
        className={['board-card', dragging && 'board-card--dragging', lifted && 'board-card--lifted'].filter(Boolean).join(' ')}
        tabIndex={0}
        role="button"
        aria-roledescription="draggable task"
        aria-describedby="board-dnd-help"
        aria-pressed={lifted || undefined}
        aria-label={`${task.key}: ${task.title}`}
        data-task-id={task.id}
        data-testid="board-card"
        data-task-key={task.key}
      >
        <CardBody task={task} labels={labels} assignee={assignee} today={today} />
      </div>
    </li>
  );
});
