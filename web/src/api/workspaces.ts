import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCursorList } from './queries';
import type { ActivityItem, Invitation, Member, Page, Team, Workspace } from './types';

/** Query keys of the workspace screens; everything of one workspace sits under `ws(id)`. */
export const wsKeys = {
  list: ['workspaces'] as const,
  /** One workspace by the slug or id in the address bar. */
  one: (ref: string) => ['workspace', ref] as const,
  ws: (id: string) => ['ws', id] as const,
  members: (id: string) => ['ws', id, 'members'] as const,
  invitations: (id: string) => ['ws', id, 'invitations'] as const,
  teams: (id: string) => ['ws', id, 'teams'] as const,
  activity: (id: string) => ['ws', id, 'activity'] as const,
};

const enc = encodeURIComponent;

export const wsPaths = {
  list: '/workspaces',
  one: (ref: string) => `/workspaces/${enc(ref)}`,
  members: (id: string) => `/workspaces/${enc(id)}/members`,
  member: (id: string, userId: string) => `/workspaces/${enc(id)}/members/${enc(userId)}`,
  invitations: (id: string) => `/workspaces/${enc(id)}/invitations`,
  invitation: (ref: string) => `/invitations/${enc(ref)}`,
  teams: (id: string) => `/workspaces/${enc(id)}/teams`,
  team: (teamId: string) => `/teams/${enc(teamId)}`,
  teamMember: (teamId: string, userId: string) => `/teams/${enc(teamId)}/members/${enc(userId)}`,
  activity: (id: string) => `/workspaces/${enc(id)}/activity`,
};

/** All of the caller's workspaces (the API pages them; people rarely have more than a few). */
async function fetchAllWorkspaces(signal?: AbortSignal): Promise<Workspace[]> {
  const all: Workspace[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i += 1) {
    const page = await api.get<Page<Workspace>>(wsPaths.list, { limit: 200, cursor }, signal);
    all.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return all;
}

export function useWorkspaces() {
  return useQuery({ queryKey: wsKeys.list, queryFn: ({ signal }) => fetchAllWorkspaces(signal) });
}

export function useWorkspace(ref: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: wsKeys.one(ref),
    queryFn: ({ signal }) => api.get<Workspace>(wsPaths.one(ref), undefined, signal),
    // The switcher's list already has it: show that at once, refresh behind it.
    initialData: () => queryClient.getQueryData<Workspace[]>(wsKeys.list)?.find((w) => w.slug === ref || w.id === ref),
    initialDataUpdatedAt: 0,
  });
}

/** Every member (up to a few thousand); role changes and teams need the whole list. */
export function useMembers(workspaceId: string) {
  return useCursorList<Member>(wsKeys.members(workspaceId), wsPaths.members(workspaceId), { limit: 200 });
}

export function useInvitations(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: wsKeys.invitations(workspaceId),
    queryFn: ({ signal }) => api.get<Page<Invitation>>(wsPaths.invitations(workspaceId), { limit: 200 }, signal),
    enabled,
  });
}

export function useTeams(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: wsKeys.teams(workspaceId),
    queryFn: ({ signal }) => api.get<Page<Team>>(wsPaths.teams(workspaceId), { limit: 200 }, signal),
    enabled,
  });
}

export function useActivity(workspaceId: string) {
  return useCursorList<ActivityItem>(wsKeys.activity(workspaceId), wsPaths.activity(workspaceId), { limit: 50 });
}

/** Puts a changed workspace everywhere it is shown (switcher, header, both its id and slug). */
export function storeWorkspace(queryClient: QueryClient, workspace: Workspace, previousSlug?: string): void {
  queryClient.setQueryData<Workspace[]>(wsKeys.list, (list) =>
    list ? list.map((w) => (w.id === workspace.id ? workspace : w)) : list,
  );
  queryClient.setQueryData(wsKeys.one(workspace.slug), workspace);
  queryClient.setQueryData(wsKeys.one(workspace.id), workspace);
  if (previousSlug && previousSlug !== workspace.slug) {
    const old = wsKeys.one(previousSlug);
    afterNavigation(() => queryClient.removeQueries({ queryKey: old, exact: true }));
  }
  void queryClient.invalidateQueries({ queryKey: wsKeys.activity(workspace.id) });
}

/**
 * Removing a query the current screen still observes makes it fetch again (a
 * 404 for a deleted workspace or an old address); the caller navigates away
 * first and the removal runs once the screen is gone.
 */
function afterNavigation(fn: () => void): void {
  setTimeout(fn, 0);
}

/** Forgets a workspace the caller left or deleted; call it together with navigating away. */
export function forgetWorkspace(queryClient: QueryClient, workspace: Workspace): void {
  queryClient.setQueryData<Workspace[]>(wsKeys.list, (list) => list?.filter((w) => w.id !== workspace.id));
  forgetLastWorkspace(workspace.slug);
  afterNavigation(() => {
    queryClient.removeQueries({ queryKey: wsKeys.one(workspace.slug), exact: true });
    queryClient.removeQueries({ queryKey: wsKeys.one(workspace.id), exact: true });
    queryClient.removeQueries({ queryKey: wsKeys.ws(workspace.id) });
  });
}

const LAST_KEY = 'workstead.workspace';

/** The workspace last opened in this browser, so the home page can offer it first. */
export function readLastWorkspace(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

export function rememberLastWorkspace(slug: string): void {
  try {
    localStorage.setItem(LAST_KEY, slug);
  } catch {
    // Storage off: nothing to remember.
  }
}

function forgetLastWorkspace(slug: string): void {
  try {
    if (localStorage.getItem(LAST_KEY) === slug) localStorage.removeItem(LAST_KEY);
  } catch {
    // Storage off.
  }
}
