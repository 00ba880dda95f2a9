import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useMatch } from 'react-router-dom';
import { useWorkspace } from '../api/workspaces';
import { getLive, useLiveStatus } from './live';
import './live.css';

/** Follows `workspace:<id>` of the workspace in the address bar while it is open. */
function WorkspaceTopic({ wsRef }: { wsRef: string }) {
  const queryClient = useQueryClient();
  const workspace = useWorkspace(wsRef);
  const id = workspace.data?.id;
  useEffect(() => {
    if (!id) return undefined;
    const live = getLive(queryClient);
    if (!live) return undefined;
    const topic = `workspace:${id}`;
    live.subscribe(topic);
    return () => live.unsubscribe(topic);
  }, [id, queryClient]);
  return null;
}

/** The shell's live part: the open workspace's subscription and the "Reconnecting…" state. */
export function LiveConnector() {
  const match = useMatch('/w/:ws/*');
  const wsRef = match?.params.ws;
  return (
    <>
      {wsRef && <WorkspaceTopic key={wsRef} wsRef={wsRef} />}
      <LiveIndicator />
    </>
  );
}

/** Shown only when something is wrong: reconnecting or offline. */
export function LiveIndicator() {
  const status = useLiveStatus();
  if (status !== 'reconnecting' && status !== 'offline') {
    return <span hidden data-testid="live-status" data-status={status} />;
  }
  return (
    <span className="live-indicator" role="status" data-testid="live-status" data-status={status}>
      <span className="live-indicator__dot" aria-hidden="true" />
      {status === 'offline' ? 'Offline — waiting for the network…' : 'Reconnecting…'}
    </span>
  );
}
