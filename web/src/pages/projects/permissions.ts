import type { Role } from '../../api/types';
import { atLeast } from '../../lib/roles';

/**
 * What the project screens offer to a workspace role (docs/projects.md "Access");
 * the server decides anyway and its refusals are shown as they come.
 */
export type ProjectAction =
  | 'create' // create projects
  | 'editLabels' // create, rename and recolour labels
  | 'manage' // edit / archive projects, project members, statuses, delete labels
  | 'delete'; // delete projects

export function canProject(role: Role, action: ProjectAction): boolean {
  switch (action) {
    case 'create':
    case 'editLabels':
      return atLeast(role, 'member');
    case 'manage':
      return atLeast(role, 'manager');
    case 'delete':
      return atLeast(role, 'admin');
  }
}
