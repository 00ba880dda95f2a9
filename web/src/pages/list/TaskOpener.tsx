import { lazy, Suspense } from 'react';

// The board's task panel (web/src/pages/tasks), loaded when a task is first opened.
const TaskPanel = lazy(() => import('../tasks/TaskPanel').then((m) => ({ default: m.TaskPanel })));

/** The task panel over the list view (`?task=<id>`). */
export function TaskOpener({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <TaskPanel key={taskId} taskId={taskId} onClose={onClose} />
    </Suspense>
  );
}
