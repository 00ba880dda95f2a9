import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { projectKeys, searchTasks, type SearchHit } from '../api/projects';
import { fetchTask } from '../api/tasks';
import { useWorkspace } from '../api/workspaces';
import { errorMessage } from '../lib/errors';
import { useDebounced } from '../lib/hooks';
import { Dialog } from '../ui';
import { nextActive } from './keyboard';
import { Highlighted } from './snippet';
import './palette.css';

export interface SearchPaletteProps {
  open: boolean;
  onClose: () => void;
  /** The workspace to search (slug or id): the current one, else the last opened. */
  workspaceRef: string | null;
}

/** Where a found task opens: its project's board with the task panel. */
export function taskAddress(workspaceSlug: string, projectId: string, taskId: string): string {
  return `/w/${workspaceSlug}/p/${projectId}?task=${encodeURIComponent(taskId)}`;
}

const LIST_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp']);

function Results({ workspaceRef, onClose }: { workspaceRef: string; onClose: () => void }) {
  const navigate = useNavigate();
  const workspace = useWorkspace(workspaceRef);
  const ws = workspace.data;
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const [active, setActive] = useState(-1);
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const results = useQuery({
    queryKey: projectKeys.search(ws?.id ?? '', q),
    queryFn: ({ signal }) => searchTasks(ws?.id ?? '', q, signal),
    enabled: Boolean(ws) && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const hits: SearchHit[] = q && results.data ? results.data.items : [];
  const typing = text.trim() !== q || results.isFetching;

  // New results: the first one is ready for Enter.
  const hitCount = hits.length;
  useEffect(() => setActive(hitCount > 0 ? 0 : -1), [results.data, q, hitCount]);
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
    // optionId only depends on the list's stable id.
  }, [active]);

  const openHit = async (hit: SearchHit) => {
    if (!ws || opening) return;
    setOpenError(null);
    let projectId = hit.project_id;
    if (!projectId) {
      setOpening(hit.id);
      try {
        projectId = (await fetchTask(hit.id)).project_id;
      } catch (err) {
        setOpenError(errorMessage(err));
        return;
      } finally {
        setOpening(null);
      }
    }
    onClose();
    navigate(taskAddress(ws.slug, projectId, hit.id));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (LIST_KEYS.has(e.key)) {
      const next = nextActive(active, e.key, hits.length);
      if (next !== null) {
        e.preventDefault();
        setActive(next);
      }
    } else if (e.key === 'Escape') {
      // Closes at once, whatever the field holds (the dialog's own cancel may not reach a text field's Escape).
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[active] ?? hits[0];
      if (hit) void openHit(hit);
    }
  };

  if (!ws) {
    return workspace.isPending ? (
      <p className="muted">Loading…</p>
    ) : (
      <p className="muted" data-testid="search-no-workspace">
        Open a workspace to search its tasks.
      </p>
    );
  }

  const showList = hits.length > 0;
  return (
    <div className="palette">
      {/* Dialog mounts its children once it is open, so autoFocus works. */}
      <input
        className="field__input palette__input"
        type="text"
        role="combobox"
        aria-label={`Search tasks in ${ws.name}`}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        placeholder={`Search tasks in ${ws.name}…`}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      <ul className="palette__list" role="listbox" id={listId} aria-label="Tasks found" data-testid="search-results">
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="palette__option"
            onMouseMove={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void openHit(hit)}
            data-testid="search-result"
            data-task-id={hit.id}
          >
            <span className="palette__title">
              {hit.key && <span className="mono palette__key">{hit.key}</span>}
              {hit.title}
              {opening === hit.id && <span className="muted"> · opening…</span>}
            </span>
            {hit.snippet && (
              <span className="palette__snippet" data-testid="search-snippet">
                <Highlighted snippet={hit.snippet} />
              </span>
            )}
          </li>
        ))}
      </ul>
      <p className="palette__status muted" aria-live="polite" data-testid="search-status">
        {openError
          ? openError
          : results.isError
            ? errorMessage(results.error)
            : !q
              ? 'Type words from a title, description or comment.'
              : typing
                ? 'Searching…'
                : hits.length === 0
                  ? `Nothing found for “${q}”.`
                  : `${hits.length} task${hits.length === 1 ? '' : 's'}. ↑ ↓ to choose, Enter to open, Esc to close.`}
      </p>
    </div>
  );
}

/** The Ctrl/Cmd-K search dialog: debounced full-text search of one workspace's tasks. */
export default function SearchPalette({ open, onClose, workspaceRef }: SearchPaletteProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Search tasks" data-testid="search-palette">
      {workspaceRef ? (
        <Results workspaceRef={workspaceRef} onClose={onClose} />
      ) : (
        <p className="muted" data-testid="search-no-workspace">
          Open a workspace to search its tasks.
        </p>
      )}
    </Dialog>
  );
}
