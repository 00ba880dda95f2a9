// Projects' tasks as the board and the task panel use them: query keys, paths,
// types and the fetchers/mutations of tasks, moves, comments, and the reads of
// a project, its statuses and the workspace's labels. Shared with the list
// views (web/src/api/projects.ts imports `taskKeys`/`taskPaths` from here).
import { useQuery, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { api, type Query } from './client';
import type { components } from './schema';
import type { Page } from './types';

type Schemas = components['schemas'];

export type Project = Schemas['Project'];
export type Status = Schemas['Status'];
export type StatusCategory = Status['category'];
export type Label = Schemas['Label'];
export type Task = Schemas['Task'];
export type TaskInput = Schemas['TaskInput'];
export type TaskPatch = Schemas['TaskPatch'];
export type Priority = Task['priority'];
export type Comment = Schemas['Comment'];
export type ProjectMember = Schemas['ProjectMember'];
/** `POST /tasks/{id}/move`: neighbours in the target column (absent: the end of it). */
export interface MoveBody {
  status_id?: string;
  after_id?: string;
  before_id?: string;
}

/** Filters of `GET /projects/{id}/tasks` (all optional; `sort` defaults to `position`). */
export interface TaskFilters {
  status_id?: string;
  assignee_id?: string;
  label_id?: string;
  parent_id?: string;
  due_before?: string;
  q?: string;
  sort?: string;
}

export const PRIORITIES: readonly Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];
export const PRIORITY_LABELS: Record<Priority, string> = {
  none: 'No priority',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/**
 * Query keys. Everything of a workspace sits under `['ws', wsId, …]` (wsKeys.ws),
 * so leaving a workspace or a realtime `reset` drops it all at once.
 *
 * `tasks(ws, p)` without filters is the board's cache: EVERY task of the project
 * (all pages), in board order, as a `Task[]`. Live events patch it in place.
 * `tasks(ws, p, filters)` is a filtered list (list view); live events invalidate those.
 */
export const taskKeys = {
  projects: (wsId: string) => ['ws', wsId, 'projects'] as const,
  project: (wsId: string, projectId: string) => ['ws', wsId, 'project', projectId] as const,
  statuses: (wsId: string, projectId: string) => ['ws', wsId, 'project', projectId, 'statuses'] as const,
  tasks: (wsId: string, projectId: string, filters?: TaskFilters): QueryKey =>
    filters ? ['ws', wsId, 'project', projectId, 'tasks', filters] : ['ws', wsId, 'project', projectId, 'tasks'],
  /** The board's cache (all tasks of the project): `tasks(ws, p)` without filters. */
  board: (wsId: string, projectId: string) => ['ws', wsId, 'project', projectId, 'tasks'] as const,
  task: (wsId: string, taskId: string) => ['ws', wsId, 'task', taskId] as const,
  comments: (wsId: string, taskId: string) => ['ws', wsId, 'task', taskId, 'comments'] as const,
  labels: (wsId: string) => ['ws', wsId, 'labels'] as const,
};

const enc = encodeURIComponent;

export const taskPaths = {
  projects: (wsId: string) => `/workspaces/${enc(wsId)}/projects`,
  project: (projectId: string) => `/projects/${enc(projectId)}`,
  projectMembers: (projectId: string) => `/projects/${enc(projectId)}/members`,
  statuses: (projectId: string) => `/projects/${enc(projectId)}/statuses`,
  tasks: (projectId: string) => `/projects/${enc(projectId)}/tasks`,
  task: (taskId: string) => `/tasks/${enc(taskId)}`,
  move: (taskId: string) => `/tasks/${enc(taskId)}/move`,
  comments: (taskId: string) => `/tasks/${enc(taskId)}/comments`,
  comment: (commentId: string) => `/comments/${enc(commentId)}`,
  labels: (wsId: string) => `/workspaces/${enc(wsId)}/labels`,
};

/** `If-Match` for a resource at `version` (412 `precondition_failed` when it changed since). */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

/** Reads every page of a cursor list (200 per page, the API's maximum). */
export async function fetchAllPages<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  // 10,000 pages of 200 is far beyond any project; the bound only stops a server loop.
  for (let i = 0; i < 10_000; i += 1) {
    const page = await api.get<Page<T>>(path, { ...query, limit: 200, cursor }, signal);
    all.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return all;
}

export function fetchProject(projectId: string, signal?: AbortSignal): Promise<Project> {
  return api.get<Project>(taskPaths.project(projectId), undefined, signal);
}

/** Statuses in board order (by `position`, compared bytewise as the server does). */
export async function fetchStatuses(projectId: string, signal?: AbortSignal): Promise<Status[]> {
  const items = await fetchAllPages<Status>(taskPaths.statuses(projectId), {}, signal);
  return items.sort((a, b) => compareKeys(a.position, b.position));
}

/** Every task of a project in board order (`sort=position`). */
export function fetchAllTasks(projectId: string, filters: TaskFilters = {}, signal?: AbortSignal): Promise<Task[]> {
  return fetchAllPages<Task>(taskPaths.tasks(projectId), { ...filters }, signal);
}

export function fetchLabels(wsId: string, signal?: AbortSignal): Promise<Label[]> {
  return fetchAllPages<Label>(taskPaths.labels(wsId), {}, signal);
}

export function fetchTask(taskId: string, signal?: AbortSignal): Promise<Task> {
  return api.get<Task>(taskPaths.task(taskId), undefined, signal);
}

export function fetchComments(taskId: string, signal?: AbortSignal): Promise<Comment[]> {
  return fetchAllPages<Comment>(taskPaths.comments(taskId), {}, signal);
}

export function createTask(projectId: string, body: TaskInput): Promise<Task> {
  return api.post<Task>(taskPaths.tasks(projectId), body);
}

/** PATCH with `If-Match: "<version>"` when given (412 when someone else changed it). */
export function patchTask(taskId: string, body: TaskPatch, version?: number): Promise<Task> {
  return api.patch<Task>(taskPaths.task(taskId), body, version === undefined ? {} : { headers: ifMatch(version) });
}

export function deleteTask(taskId: string, version?: number): Promise<void> {
  return api.delete(taskPaths.task(taskId), version === undefined ? {} : { headers: ifMatch(version) });
}

/** A move is not conditional: the order of a column is last-write-wins (a title edit elsewhere must not refuse it). */
export function moveTask(taskId: string, body: MoveBody): Promise<Task> {
  return api.post<Task>(taskPaths.move(taskId), body);
}

export function createComment(taskId: string, body: string): Promise<Comment> {
  return api.post<Comment>(taskPaths.comments(taskId), { body });
}

export function editComment(commentId: string, body: string, version?: number): Promise<Comment> {
  return api.patch<Comment>(taskPaths.comment(commentId), { body }, version === undefined ? {} : { headers: ifMatch(version) });
}

export function deleteComment(commentId: string): Promise<void> {
  return api.delete(taskPaths.comment(commentId));
}

/** Bytewise comparison of order keys (the server stores them `COLLATE "C"`); keys are ASCII. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Hooks ---------------------------------------------------------------------

export function useProject(wsId: string, projectId: string) {
  return useQuery({
    queryKey: taskKeys.project(wsId, projectId),
    queryFn: ({ signal }) => fetchProject(projectId, signal),
  });
}

export function useStatuses(wsId: string, projectId: string) {
  return useQuery({
    queryKey: taskKeys.statuses(wsId, projectId),
    queryFn: ({ signal }) => fetchStatuses(projectId, signal),
  });
}

export function useLabels(wsId: string) {
  return useQuery({ queryKey: taskKeys.labels(wsId), queryFn: ({ signal }) => fetchLabels(wsId, signal) });
}

/** The board's cache: every task of the project. */
export function useBoardTasks(wsId: string, projectId: string) {
  return useQuery({
    queryKey: taskKeys.board(wsId, projectId),
    queryFn: ({ signal }) => fetchAllTasks(projectId, {}, signal),
  });
}

export function useProjectMembers(wsId: string, projectId: string, enabled = true) {
  return useQuery({
    queryKey: [...taskKeys.project(wsId, projectId), 'members'],
    queryFn: ({ signal }) => fetchAllPages<ProjectMember>(taskPaths.projectMembers(projectId), {}, signal),
    enabled,
  });
}

/** One task; starts from the board's copy when the board has it. */
export function useTask(wsId: string, taskId: string, queryClient: QueryClient) {
  return useQuery({
    queryKey: taskKeys.task(wsId, taskId),
    queryFn: ({ signal }) => fetchTask(taskId, signal),
    initialData: () => findCachedTask(queryClient, wsId, taskId),
    initialDataUpdatedAt: 0,
  });
}

export function useComments(wsId: string, taskId: string) {
  return useQuery({ queryKey: taskKeys.comments(wsId, taskId), queryFn: ({ signal }) => fetchComments(taskId, signal) });
}

/** A task from any board cache of the workspace, if one holds it. */
export function findCachedTask(queryClient: QueryClient, wsId: string, taskId: string): Task | undefined {
  for (const [, tasks] of queryClient.getQueriesData<Task[]>({ queryKey: ['ws', wsId, 'project'] })) {
    if (!Array.isArray(tasks)) continue;
    const found = tasks.find((t) => t && typeof t === 'object' && t.id === taskId);
    if (found) return found;
  }
  return undefined;
}
