import { describe, expect, it } from 'vitest';
import type { ActivityItem } from '../api/types';
import { describeActivity } from './activity';

const ADA = 'u-ada';
const BOB = 'u-bob';

function item(type: string, data: Record<string, unknown>, over: Partial<ActivityItem> = {}): ActivityItem {
  return {
    seq: 1,
    workspace_id: 'ws-1',
    type,
    actor_id: ADA,
    entity_type: type.split('.')[0] ?? '',
    entity_id: 'e-1',
    data,
    created_at: '2026-11-21T19:56:33.689Z',
    actor: { id: ADA, name: 'Ada Lovelace' },
    ...over,
  };
}

const bobMember = { user: { id: BOB, name: 'Bob Byte', email: 'bob@example.com' }, role: 'manager', joined_at: '' };

describe('describeActivity', () => {
  it.each([
    [item('workspace.created', { name: 'Acme' }), 'created the workspace “Acme”'],
    [item('workspace.updated', { name: 'Acme Labs', slug: 'acme-labs' }), 'updated the workspace: name “Acme Labs”, address acme-labs'],
    [item('workspace.deleted', { id: 'ws-1' }), 'deleted the workspace'],
    [item('member.joined', { ...bobMember, role: 'member' }, { actor_id: BOB, entity_id: BOB }), 'joined as member'],
    [item('member.role_changed', bobMember, { entity_id: BOB }), 'made Bob Byte manager'],
    [item('member.role_changed', { ...bobMember, user: { id: ADA, name: 'Ada Lovelace', email: '' }, role: 'admin' }, { entity_id: ADA }), 'made themselves admin'],
    [item('member.removed', { id: BOB }, { entity_id: BOB }), 'removed Bob from the workspace'],
    [item('member.removed', { id: ADA }, { entity_id: ADA }), 'left the workspace'],
    [item('invitation.created', { email: 'cy@example.com', role: 'guest' }), 'invited cy@example.com as guest'],
    [item('invitation.resent', { email: 'cy@example.com', role: 'guest' }), 'sent the invitation to cy@example.com again'],
    [item('invitation.revoked', { id: 'i-1' }), 'revoked an invitation'],
    [item('team.created', { name: 'Design', member_ids: [] }), 'created the team “Design”'],
    [item('team.updated', { name: 'Design 2', member_ids: [] }), 'renamed a team to “Design 2”'],
    [item('team.deleted', { id: 't-1' }), 'deleted a team'],
    [item('team.member_added', { name: 'Design', member_ids: [BOB] }), 'added a member to the team “Design”'],
    [item('team.member_removed', { name: 'Design', member_ids: [] }), 'removed a member from the team “Design”'],
    [item('task.created', { id: 't-1' }), 'did task.created'],
  ])('%#: %s', (event, action) => {
    expect(describeActivity(event, new Map([[BOB, 'Bob']])).action).toBe(action);
  });

  it('names the actor from the event, then the member list, then "Someone"', () => {
    expect(describeActivity(item('team.deleted', {})).actor).toBe('Ada Lovelace');
    expect(describeActivity(item('team.deleted', {}, { actor: null }), new Map([[ADA, 'Ada L.']])).actor).toBe('Ada L.');
    expect(describeActivity(item('team.deleted', {}, { actor: null, actor_id: null })).actor).toBe('Someone');
  });

  it('survives data it does not expect', () => {
    const odd = item('member.role_changed', { user: 'not an object', role: 42 }, { entity_id: 'u-x' });
    expect(describeActivity(odd).action).toBe('made a member member');
  });
});
