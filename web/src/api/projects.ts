// Projects as the project list, project settings, the list view, "My tasks" and
// the search palette use them: the writes on projects, project members,
// statuses and labels, and the reads of `GET /me/tasks` and search. The reads
// the board shares (a project, its statuses, labels, members, tasks) and their
// query keys live in ./tasks.ts; this file adds its own keys under the same
// `['ws', wsId, …]` roots.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { components } from './schema';
import {
  fetchAllPages,
  ifMatch,
  taskKeys,
  taskPaths,
  type Label,
  type Project,
  type ProjectMember,
  type Status,
  type StatusCategory,
  type Task,
} from './tasks';

export type SearchHit = components['schemas']['SearchHit'];
export type Visibility = Project['visibility'];
export type MyTasksFilter = 'today' | 'overdue' | 'week' | 'all';

export interface ProjectCreate {
  key: string;
  name: string;
  description?: string;
  visibility?: Visibility;
}

export interface ProjectPatch {
  key?: string;
  name?: string;
  description?: string;
  visibility?: Visibility;
  archived?: boolean;
}

export interface StatusPatch {
  name?: string;
  category?: StatusCategory;
  after_id?: string;
  before_id?: string;
}

export const projectKeys = {
  /** Every project of the workspace the caller sees, archived ones included (`Project[]`). */
  projects: taskKeys.projects,
  project: taskKeys.project,
  labels: taskKeys.labels,
  statuses: taskKeys.statuses,
  members: (wsId: string, projectId: string) => ['ws', wsId, 'project', projectId, 'members'] as const,
  myTasks: (filter: MyTasksFilter) => ['me', 'tasks', filter] as const,
  search: (wsId: string, q: string) => ['ws', wsId, 'search', q] as const,
};

const enc = encodeURIComponent;

export const projectPaths = {
  ...taskPaths,
  projectMember: (projectId: string, userId: string) => `/projects/${enc(projectId)}/members/${enc(userId)}`,
  status: (statusId: string) => `/statuses/${enc(statusId)}`,
  label: (labelId: string) => `/labels/${enc(labelId)}`,
  myTasks: '/me/tasks',
  search: (wsId: string) => `/workspaces/${enc(wsId)}/search`,
};

// Reads ----------------------------------------------------------------------

export function fetchProjects(wsId: string, signal?: AbortSignal): Promise<Project[]> {
  return fetchAllPages<Project>(projectPaths.projects(wsId), {}, signal);
}

export function useProjects(wsId: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.projects(wsId),
    queryFn: ({ signal }) => fetchProjects(wsId, signal),
    enabled,
  });
}

export function searchTasks(wsId: string, q: string, signal?: AbortSignal): Promise<{ items: SearchHit[] }> {
  return api.get<{ items: SearchHit[] }>(projectPaths.search(wsId), { q, types: 'task', limit: 20 }, signal);
}

// Writes ---------------------------------------------------------------------

export function createProject(wsId: string, body: ProjectCreate): Promise<Project> {
  return api.post<Project>(projectPaths.projects(wsId), body);
}

export function patchProject(projectId: string, body: ProjectPatch, version?: number): Promise<Project> {
  return api.patch<Project>(projectPaths.project(projectId), body, version === undefined ? {} : { headers: ifMatch(version) });
}

export function deleteProject(projectId: string): Promise<void> {
  return api.delete(projectPaths.project(projectId));
}

export function addProjectMember(projectId: string, userId: string): Promise<ProjectMember> {
  return api.request<ProjectMember>(projectPaths.projectMember(projectId, userId), { method: 'PUT' });
}

export function removeProjectMember(projectId: string, userId: string): Promise<void> {
  return api.delete(projectPaths.projectMember(projectId, userId));
}

export function createStatus(projectId: string, body: { name: string; category?: StatusCategory }): Promise<Status> {
  return api.post<Status>(projectPaths.statuses(projectId), body);
}

export function patchStatus(statusId: string, body: StatusPatch): Promise<Status> {
  return api.patch<Status>(projectPaths.status(statusId), body);
}

export function deleteStatus(statusId: string): Promise<void> {
  return api.delete(projectPaths.status(statusId));
}

export function createLabel(wsId: string, body: { name: string; color?: string }): Promise<Label> {
  return api.post<Label>(projectPaths.labels(wsId), body);
}

export function patchLabel(labelId: string, body: { name?: string; color?: string }): Promise<Label> {
  return api.patch<Label>(projectPaths.label(labelId), body);
}

export function deleteLabel(labelId: string): Promise<void> {
  return api.delete(projectPaths.label(labelId));
}

// Cache ----------------------------------------------------------------------

/** Puts a changed project everywhere it is shown: the project list and the project's own query. */
export function storeProject(queryClient: QueryClient, project: Project): void {
  const wsId = project.workspace_id;
  queryClient.setQueryData<Project[]>(projectKeys.projects(wsId), (list) => {
    if (!list) return list;
    return list.some((p) => p.id === project.id) ? list.map((p) => (p.id === project.id ? project : p)) : [...list, project];
  });
  queryClient.setQueryData(projectKeys.project(wsId, project.id), project);
}

/** Forgets a deleted project (call it together with navigating away). */
export function forgetProject(queryClient: QueryClient, project: Project): void {
  const wsId = project.workspace_id;
  queryClient.setQueryData<Project[]>(projectKeys.projects(wsId), (list) => list?.filter((p) => p.id !== project.id));
  setTimeout(() => queryClient.removeQueries({ queryKey: projectKeys.project(wsId, project.id) }), 0);
}

export type { Label, Project, ProjectMember, Status, StatusCategory, Task };
