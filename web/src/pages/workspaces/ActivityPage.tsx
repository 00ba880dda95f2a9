import { useMemo } from 'react';
import { useActivity, useMembers } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { describeActivity } from '../../lib/activity';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative, initials } from '../../lib/format';
import { Banner, Button, Card, Spinner } from '../../ui';
import { useCurrentWorkspace } from './context';

/** The workspace's event log as a feed, newest first, with "Load more". */
export default function ActivityPage() {
  const workspace = useCurrentWorkspace();
  const me = useUser();
  const activity = useActivity(workspace.id);
  const members = useMembers(workspace.id);
  const names = useMemo(() => new Map(members.items.map((m) => [m.user.id, m.user.name || m.user.email])), [members.items]);

  return (
    <Card
      title="Activity"
      description="Everything that happened in this workspace, newest first."
      actions={
        <Button size="sm" onClick={() => void activity.refetch()} loading={activity.isRefetching && !activity.isFetchingNextPage} data-testid="activity-refresh">
          Refresh
        </Button>
      }
    >
      {activity.isPending && <Spinner label="Loading activity…" showLabel />}
      {activity.isError && <Banner tone="danger">{errorMessage(activity.error)}</Banner>}
      {activity.isSuccess && activity.items.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      {activity.items.length > 0 && (
        <ol className="feed" data-testid="activity-feed">
          {activity.items.map((item) => {
            const line = describeActivity(item, names);
            return (
              <li key={item.seq} className={`feed__item feed__item--${line.kind}`} data-testid="activity-item" data-type={item.type}>
                <span className="avatar avatar--sm" aria-hidden="true">
                  {initials(line.actor, line.actor)}
                </span>
                <p className="feed__text">
                  <strong>{item.actor_id === me.id ? 'You' : line.actor}</strong> {line.action}
                </p>
                <time className="feed__time" dateTime={item.created_at} title={formatDateTime(item.created_at, me.timezone)}>
                  {formatRelative(item.created_at)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {activity.hasNextPage && (
        <div className="row">
          <Button onClick={() => void activity.fetchNextPage()} loading={activity.isFetchingNextPage} data-testid="activity-load-more">
            Load more
          </Button>
        </div>
      )}
    </Card>
  );
}
