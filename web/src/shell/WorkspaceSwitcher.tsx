import { Link, useMatch } from 'react-router-dom';
import { useWorkspaces } from '../api/workspaces';
import { ROLE_LABELS } from '../lib/roles';
import { Menu } from '../ui';

function Chevron() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="switcher__chevron">
      <path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** The top-bar menu that shows the current workspace and switches to another or creates one. */
export function WorkspaceSwitcher() {
  const match = useMatch('/w/:ws/*');
  const current = match?.params.ws ?? null;
  const workspaces = useWorkspaces();
  const list = workspaces.data ?? [];
  const active = list.find((w) => w.slug === current || w.id === current);

  return (
    <Menu
      label="Workspaces"
      align="start"
      className="switcher"
      buttonClassName="switcher__button"
      data-testid="workspace-switcher"
      button={
        <>
          <span className="switcher__mark" aria-hidden="true">
            {(active?.name ?? 'W').trim().charAt(0).toUpperCase() || 'W'}
          </span>
          <span className="switcher__name">{active?.name ?? 'Workspaces'}</span>
          <span className="visually-hidden">, switch workspace</span>
          <Chevron />
        </>
      }
    >
      {(close) => (
        <>
          <div className="menu__heading" role="presentation">
            Your workspaces
          </div>
          {workspaces.isPending && (
            <div className="menu__note" role="presentation">
              Loading…
            </div>
          )}
          {workspaces.isError && (
            <div className="menu__note" role="presentation">
              Could not load your workspaces.
            </div>
          )}
          {workspaces.isSuccess && list.length === 0 && (
            <div className="menu__note" role="presentation">
              None yet.
            </div>
          )}
          {list.map((w) => (
            <Link
              key={w.id}
              role="menuitem"
              className="menu__item"
              to={`/w/${w.slug}`}
              aria-current={w.id === active?.id ? 'page' : undefined}
              data-testid="workspace-switcher-item"
              data-slug={w.slug}
              onClick={() => close()}
            >
              <span className="menu__item-main">{w.name}</span>
              <small className="muted">{ROLE_LABELS[w.my_role]}</small>
            </Link>
          ))}
          <div className="menu__separator" role="separator" />
          <Link role="menuitem" className="menu__item" to="/workspaces/new" onClick={() => close()} data-testid="workspace-create-link">
            + Create workspace
          </Link>
        </>
      )}
    </Menu>
  );
}
