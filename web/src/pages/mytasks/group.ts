export interface Grouped<T> {
  workspaceId: string;
  projects: Array<{ projectId: string; tasks: T[] }>;
}

/**
 * Tasks grouped by workspace, then project, each group where its first task
 * appears (the server orders by due date), tasks in their given order.
 */
export function groupTasks<T extends { workspace_id: string; project_id: string }>(tasks: readonly T[]): Array<Grouped<T>> {
  const groups: Array<Grouped<T>> = [];
  const byWorkspace = new Map<string, Grouped<T>>();
  const byProject = new Map<string, { projectId: string; tasks: T[] }>();
  for (const task of tasks) {
    let ws = byWorkspace.get(task.workspace_id);
    if (!ws) {
      ws = { workspaceId: task.workspace_id, projects: [] };
      byWorkspace.set(task.workspace_id, ws);
      groups.push(ws);
    }
    let project = byProject.get(task.project_id);
    if (!project) {
      project = { projectId: task.project_id, tasks: [] };
      byProject.set(task.project_id, project);
      ws.projects.push(project);
    }
    project.tasks.push(task);
  }
  return groups;
}
