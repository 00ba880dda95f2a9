import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import type { Project } from '../../api/projects';
import type { Workspace } from '../../api/types';
import { Badge } from '../../ui';
import './projects.css';

export interface ProjectHeaderProps {
  workspace: Workspace;
  project: Project;
  /** Buttons at the right of the title (e.g. the board's quick-add). */
  actions?: ReactNode;
}

/** Addresses of a project's pages. */
export const projectLinks = {
  list: (wsSlug: string) => `/w/${wsSlug}/projects`,
  board: (wsSlug: string, projectId: string) => `/w/${wsSlug}/p/${projectId}`,
  listView: (wsSlug: string, projectId: string) => `/w/${wsSlug}/p/${projectId}/list`,
  settings: (wsSlug: string, projectId: string) => `/w/${wsSlug}/p/${projectId}/settings`,
};

/** The header every project page shares: name, key, badges and the Board / List / Settings tabs. */
export function ProjectHeader({ workspace, project, actions }: ProjectHeaderProps) {
  return (
    <div className="project-header" data-testid="project-header" data-project-id={project.id}>
      <div className="project-header__top">
        <div className="project-header__title">
          <p className="project-header__crumb">
            <Link to={projectLinks.list(workspace.slug)} data-testid="project-crumb">
              Projects
            </Link>
          </p>
          <h2 data-testid="project-title">
            <span className="project-key mono">{project.key}</span> {project.name}
          </h2>
          <p className="project-header__badges">
            {project.visibility === 'private' && <Badge tone="warning">Private</Badge>}
            {project.archived && <Badge tone="neutral">Archived: read-only</Badge>}
          </p>
        </div>
        {actions && <div className="row">{actions}</div>}
      </div>
      <nav className="tabs" aria-label="Project">
        <NavLink to={projectLinks.board(workspace.slug, project.id)} end data-testid="project-tab-board">
          Board
        </NavLink>
        <NavLink to={projectLinks.listView(workspace.slug, project.id)} data-testid="project-tab-list">
          List
        </NavLink>
        <NavLink to={projectLinks.settings(workspace.slug, project.id)} data-testid="project-tab-settings">
          Settings
        </NavLink>
      </nav>
    </div>
  );
}

export default ProjectHeader;
