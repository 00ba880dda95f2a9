import type { ActivityItem } from '../api/types';
import { isRole, ROLE_LABELS } from './roles';

/** One line of the activity feed: who did what. */
export interface ActivityLine {
  /** The actor's name, or "Someone" when the event has none (a deleted account). */
  actor: string;
  /** What happened, after the actor's name: "renamed the workspace to “Acme”". */
  action: string;
  /** A category for the icon and filtering. */
  kind: 'workspace' | 'member' | 'invitation' | 'team' | 'other';
}

function text(data: Record<string, unknown>, key: string): string | null {
  const v = data[key];
  return typeof v === 'string' && v ? v : null;
}

function nested(data: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = data[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function roleName(value: string | null): string {
  return value && isRole(value) ? ROLE_LABELS[value].toLowerCase() : 'member';
}

function quoted(value: string | null, fallback: string): string {
  return value ? `“${value}”` : fallback;
}

/**
 * Turns an event of the workspace log into a sentence. `names` maps user ids
 * to names for events that carry only an id (a removal). Unknown types fall
 * back to the raw type, so a newer server never breaks the feed.
 */
export function describeActivity(item: ActivityItem, names: ReadonlyMap<string, string> = new Map()): ActivityLine {
  const data = item.data ?? {};
  const actorName = item.actor?.name || (item.actor_id ? names.get(item.actor_id) : undefined) || 'Someone';
  const self = item.actor_id !== null && item.actor_id === item.entity_id;
  const person = () => {
    const user = nested(data, 'user');
    return text(user, 'name') ?? text(user, 'email') ?? names.get(item.entity_id) ?? 'a member';
  };
  const line = (action: string, kind: ActivityLine['kind']): ActivityLine => ({ actor: actorName, action, kind });

  switch (item.type) {
    case 'workspace.created':
      return line(`created the workspace ${quoted(text(data, 'name'), '')}`.trim(), 'workspace');
    case 'workspace.updated': {
      const name = text(data, 'name');
      const slug = text(data, 'slug');
      const parts = [name && `name ${quoted(name, '')}`, slug && `address ${slug}`].filter(Boolean);
      return line(parts.length ? `updated the workspace: ${parts.join(', ')}` : 'updated the workspace', 'workspace');
    }
    case 'workspace.deleted':
      return line('deleted the workspace', 'workspace');
    case 'member.joined':
      return self || item.actor_id === null
        ? line(`joined as ${roleName(text(data, 'role'))}`, 'member')
        : line(`added ${person()} as ${roleName(text(data, 'role'))}`, 'member');
    case 'member.role_changed':
      return line(`made ${self ? 'themselves' : person()} ${roleName(text(data, 'role'))}`, 'member');
    case 'member.removed':
      return self ? line('left the workspace', 'member') : line(`removed ${person()} from the workspace`, 'member');
    case 'invitation.created':
      return line(`invited ${text(data, 'email') ?? 'someone'} as ${roleName(text(data, 'role'))}`, 'invitation');
    case 'invitation.resent':
      return line(`sent the invitation to ${text(data, 'email') ?? 'someone'} again`, 'invitation');
    case 'invitation.revoked':
      return line('revoked an invitation', 'invitation');
    case 'team.created':
      return line(`created the team ${quoted(text(data, 'name'), '')}`.trim(), 'team');
    case 'team.updated':
      return line(`renamed a team to ${quoted(text(data, 'name'), 'a new name')}`, 'team');
    case 'team.deleted':
      return line('deleted a team', 'team');
    case 'team.member_added':
      return line(`added a member to the team ${quoted(text(data, 'name'), '')}`.trim(), 'team');
    case 'team.member_removed':
      return line(`removed a member from the team ${quoted(text(data, 'name'), '')}`.trim(), 'team');
    default:
      return line(`did ${item.type}`, 'other');
  }
}
