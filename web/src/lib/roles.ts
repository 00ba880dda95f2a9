import type { Role } from '../api/types';

/** Highest first: owner ⊃ admin ⊃ manager ⊃ member ⊃ guest (docs/workspaces.md). */
export const ROLES: readonly Role[] = ['owner', 'admin', 'manager', 'member', 'guest'];

const RANK: Record<Role, number> = { owner: 4, admin: 3, manager: 2, member: 1, guest: 0 };

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  member: 'Member',
  guest: 'Guest',
};

export const ROLE_HINTS: Record<Role, string> = {
  owner: 'Everything, including deleting the workspace and managing owners.',
  admin: 'Settings, members, invitations and teams.',
  manager: 'Member rights today; approves timesheets once time tracking arrives.',
  member: 'Works in the workspace, sees teams and the activity feed.',
  guest: 'Sees only the projects they are added to.',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `least` or above. */
export function atLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/**
 * What the UI offers to a role: the server's table (permissions.hpp) is the
 * authority and answers 403 anyway; the app only hides what would fail.
 */
export type WorkspaceAction =
  | 'read' // the workspace, members, leave
  | 'readTeams' // teams, activity feed
  | 'manage' // rename, slug, change roles, remove members, invitations, teams
  | 'delete'; // delete the workspace, grant or remove owner

export function can(role: Role, action: WorkspaceAction): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'readTeams':
      return atLeast(role, 'member');
    case 'manage':
      return atLeast(role, 'admin');
    case 'delete':
      return role === 'owner';
  }
}

/** The roles `myRole` may hand out (by invitation or a role change): only owners grant owner. */
export function assignableRoles(myRole: Role): Role[] {
  if (!can(myRole, 'manage')) return [];
  return myRole === 'owner' ? [...ROLES] : ROLES.filter((r) => r !== 'owner');
}

export interface MemberLike {
  user: { id: string };
  role: Role;
}

/**
 * Whether `me` may change `target`'s role: admins manage everyone but owners,
 * owners manage everyone, and the last owner cannot be demoted.
 * Answers the reason when not.
 */
export function roleChangeBlock(myRole: Role, target: MemberLike, ownerCount: number): string | null {
  if (!can(myRole, 'manage')) return 'Only admins and owners change roles.';
  if (target.role === 'owner' && myRole !== 'owner') return 'Only an owner changes the role of an owner.';
  if (target.role === 'owner' && ownerCount <= 1) return 'The last owner cannot be demoted. Make someone else an owner first.';
  return null;
}

/** Whether `me` may remove `target` (or leave, when it is me). Answers the reason when not. */
export function removalBlock(myRole: Role, meId: string, target: MemberLike, ownerCount: number): string | null {
  const self = target.user.id === meId;
  if (target.role === 'owner' && ownerCount <= 1) {
    return self ? 'You are the last owner. Make someone else an owner before you leave.' : 'The last owner cannot be removed.';
  }
  if (self) return null;
  if (!can(myRole, 'manage')) return 'Only admins and owners remove members.';
  if (target.role === 'owner' && myRole !== 'owner') return 'Only an owner removes an owner.';
  return null;
}
