import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { assignableRoles, can, removalBlock, roleChangeBlock, ROLES } from './roles';

const member = (id: string, role: Role) => ({ user: { id }, role });

describe('can (mirrors the table in docs/workspaces.md)', () => {
  const table: Record<Role, [boolean, boolean, boolean, boolean]> = {
    //        read  readTeams manage delete
    owner: [true, true, true, true],
    admin: [true, true, true, false],
    manager: [true, true, false, false],
    member: [true, true, false, false],
    guest: [true, false, false, false],
  };
  it.each(ROLES)('%s', (role) => {
    expect([can(role, 'read'), can(role, 'readTeams'), can(role, 'manage'), can(role, 'delete')]).toEqual(table[role]);
  });
});

describe('assignableRoles', () => {
  it('lets only owners hand out owner, and nobody below admin anything', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'manager', 'member', 'guest']);
    expect(assignableRoles('admin')).toEqual(['admin', 'manager', 'member', 'guest']);
    expect(assignableRoles('manager')).toEqual([]);
    expect(assignableRoles('guest')).toEqual([]);
  });
});

describe('roleChangeBlock', () => {
  it('allows admins to change members but not owners', () => {
    expect(roleChangeBlock('admin', member('u2', 'member'), 1)).toBeNull();
    expect(roleChangeBlock('admin', member('u2', 'owner'), 2)).toMatch(/Only an owner/);
  });

  it('protects the last owner', () => {
    expect(roleChangeBlock('owner', member('u1', 'owner'), 1)).toMatch(/last owner/);
    expect(roleChangeBlock('owner', member('u1', 'owner'), 2)).toBeNull();
  });

  it('refuses roles below admin', () => {
    expect(roleChangeBlock('member', member('u2', 'guest'), 1)).toMatch(/Only admins/);
  });
});

describe('removalBlock', () => {
  it('lets anyone leave except the last owner', () => {
    expect(removalBlock('guest', 'me', member('me', 'guest'), 1)).toBeNull();
    expect(removalBlock('owner', 'me', member('me', 'owner'), 1)).toMatch(/last owner/);
    expect(removalBlock('owner', 'me', member('me', 'owner'), 2)).toBeNull();
  });

  it('lets admins remove others, owners only by owners', () => {
    expect(removalBlock('admin', 'me', member('u2', 'manager'), 1)).toBeNull();
    expect(removalBlock('admin', 'me', member('u2', 'owner'), 2)).toMatch(/Only an owner/);
    expect(removalBlock('owner', 'me', member('u2', 'owner'), 2)).toBeNull();
    expect(removalBlock('member', 'me', member('u2', 'member'), 1)).toMatch(/Only admins/);
  });
});
