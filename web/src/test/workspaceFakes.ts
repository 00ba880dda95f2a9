import type { Invitation, Member, Team, User, Workspace } from '../api/types';
import { ada } from './fakeServer';

export const bob: User = { ...ada, id: '01930000-0000-7000-8000-00000000000b', email: 'bob@example.com', name: 'Bob Byte', is_instance_admin: false };
export const cy: User = { ...ada, id: '01930000-0000-7000-8000-00000000000c', email: 'cy@example.com', name: 'Cy Press', is_instance_admin: false };

export function workspace(over: Partial<Workspace> = {}): Workspace {
  return {
    id: '01930000-0000-7000-8000-0000000000a1',
    name: 'Acme',
    slug: 'acme',
    plan: 'free',
    created_at: '2026-11-21T19:56:33.689Z',
    my_role: 'owner',
    ...over,
  };
}

export function member(user: User, role: Member['role']): Member {
  return { user: { id: user.id, name: user.name, email: user.email }, role, joined_at: '2026-11-21T19:56:33.689Z' };
}

export function invitation(email: string, over: Partial<Invitation> = {}): Invitation {
  return {
    id: `inv-${email.split('@')[0]}`,
    email,
    role: 'member',
    expires_at: '2026-11-28T19:56:33.689Z',
    created_at: '2026-11-21T19:56:33.689Z',
    invited_by: ada.id,
    ...over,
  };
}

export function team(name: string, memberIds: string[]): Team {
  return { id: `team-${name}`, name, member_ids: memberIds, created_at: '2026-11-21T19:56:33.689Z' };
}

export const page = <T>(items: T[]) => ({ items, next_cursor: null });
