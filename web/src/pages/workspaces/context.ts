import { useOutletContext } from 'react-router-dom';
import type { Workspace } from '../../api/types';

export interface WorkspaceOutlet {
  workspace: Workspace;
}

/** The workspace of the screen, loaded once by WorkspaceLayout. */
export function useCurrentWorkspace(): Workspace {
  return useOutletContext<WorkspaceOutlet>().workspace;
}
