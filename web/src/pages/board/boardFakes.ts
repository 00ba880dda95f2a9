// Test data for the board, the task panel and the live reducer.
import type { Label, Project, Status, Task } from '../../api/tasks';

export const WS = '01930000-0000-7000-8000-0000000000aa';
export const PROJECT = '01930000-0000-7000-8000-0000000000bb';

export function project(over: Partial<Project> = {}): Project {
  return {
    id: PROJECT,
    workspace_id: WS,
    key: 'WEB',
    name: 'Website',
    description: '',
    visibility: 'workspace',
    archived: false,
    created_at: '2026-11-20T10:00:00Z',
    version: 1,
    ...over,
  };
}

export function status(id: string, name: string, position: string, category: Status['category'] = 'todo'): Status {
  return { id, project_id: PROJECT, name, category, position };
}

export const statuses = [status('s1', 'To do', 'V'), status('s2', 'In progress', 'k', 'in_progress'), status('s3', 'Done', 'u', 'done')];

let counter = 0;
export function task(over: Partial<Task> & { id: string }): Task {
  counter += 1;
  return {
    workspace_id: WS,
    project_id: PROJECT,
    number: counter,
    key: `WEB-${counter}`,
    title: `Task ${over.id}`,
    description: '',
    status_id: 's1',
    status_category: 'todo',
    assignee_id: null,
    priority: 'none',
    due_date: null,
    labels: [],
    parent_id: null,
    recurrence: null,
    position: 'V',
    completed_at: null,
    created_by: 'u1',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    version: 1,
    ...over,
  };
}

export function label(id: string, name: string, color = '#d73a4a'): Label {
  return { id, workspace_id: WS, name, color, created_at: '2026-11-20T10:00:00Z' };
}
