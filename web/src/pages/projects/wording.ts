import type { StatusCategory, Visibility } from '../../api/projects';

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  workspace: 'Everyone in the workspace',
  private: 'Private: only its members (and workspace admins)',
};

export const CATEGORY_LABELS: Record<StatusCategory, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

export const CATEGORIES: readonly StatusCategory[] = ['todo', 'in_progress', 'done'];
