import { useId, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useChatStore, useConnection, type PendingMessage } from 'confab-chat';
import type { Connection } from './connections';

const LATENCIES_MAX = 3000;

/** Every unconfirmed send of this client, oldest first, from the store's timelines and threads. */
function usePendingMessages(): readonly PendingMessage[] {
  const timelines = useChatStore((state) => state.timelines);
  const threads = useChatStore((state) => state.threads);
  return useMemo(
    () =>
      [...Object.values(timelines).flatMap((timeline) => timeline.pending), ...Object.values(threads).flatMap((thread) => thread.pending)].sort(
        (a, b) => a.createdAt - b.createdAt,
      ),
    [timelines, threads],
  );
}

function useRoomLabel(): (roomId: string) => string {
  const rooms = useChatStore((state) => state.rooms);
  return (roomId) => {
    const room = rooms[roomId];
    return room && room.kind !== 'direct' ? `#${room.name}` : 'direct';
  };
}

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * A viewer's network, compact by default: one line with the real connection state (from the
 * client's store: connecting, online, reconnecting, offline), the outbox count, the offline switch
 * and latency of the simulated connection (memory transport). "Details" unfolds the outbox
 * (messages waiting for the server) and a log of status changes, sessions, resumes and gaps.
 */
export function NetworkPanel({ slot, connection }: { slot: 'a' | 'b'; connection: Connection }): ReactNode {
  const [offline, setOffline] = useState(false);
  const [latency, setLatency] = useState(0);
  const [open, setOpen] = useState(false);
  const { status } = useConnection();
  const pending = usePendingMessages();
  const roomLabel = useRoomLabel();
  const log = useSyncExternalStore(connection.log.subscribe, connection.log.entries);
  const network = connection.network;
  const bodyId = useId();

  return (
    <section className="pg-network" data-testid={`network-${slot}`} data-open={open ? '' : undefined} aria-label="Network">
      <div className="pg-network-bar">
        <button type="button" className="pg-network-toggle" aria-expanded={open} aria-controls={bodyId} data-testid={`network-toggle-${slot}`} onClick={() => setOpen((value) => !value)}>
          <span className="pg-network-chevron" aria-hidden="true" />
          Network
        </button>
        <span className="pg-network-state" data-state={status.state} data-testid={`network-state-${slot}`}>
          {status.state}
        </span>
        <span className="pg-muted">
          outbox {pending.length}
          {latency > 0 ? ` · ${latency} ms` : ''}
        </span>
        {network ? (
          <>
            <label className="pg-switch">
              <input
                type="checkbox"
                role="switch"
                data-testid={`offline-switch-${slot}`}
                checked={offline}
                onChange={(event) => {
                  setOffline(event.target.checked);
                  network.setOnline(!event.target.checked);
                }}
              />
              Offline
            </label>
            <label className="pg-inline pg-latency">
              Latency
              <input
                type="range"
                min={0}
                max={LATENCIES_MAX}
                step={50}
                value={latency}
                data-testid={`latency-${slot}`}
                onChange={(event) => {
                  const ms = Number(event.target.value);
                  setLatency(ms);
                  network.setLatency(ms);
                }}
              />
              <output data-testid={`latency-value-${slot}`}>{latency} ms</output>
            </label>
          </>
        ) : null}
      </div>
      <div className="pg-network-body" id={bodyId} hidden={!open}>
        {!network && (
          <p className="pg-muted pg-network-note">
            Over the WebSocket the network is real: stop <code>npm run server</code> and start it again to watch the client reconnect and resume.
          </p>
        )}
        <div className="pg-network-lists">
          <div className="pg-outbox">
            <h3>
              Outbox <span className="pg-count">{pending.length}</span>
            </h3>
            <ol data-testid={`outbox-${slot}`} aria-label="Outbox" data-count={pending.length}>
              {pending.length === 0 && <li className="pg-empty">empty: everything sent was confirmed</li>}
              {pending.map((item) => (
                <li key={item.clientId} data-testid="outbox-item" data-status={item.status} title={item.error?.message}>
                  <span className="pg-tag" data-status={item.status}>
                    {item.status}
                  </span>
                  <span className="pg-where">{roomLabel(item.roomId)}</span>
                  <span className="pg-text">{item.text || `${item.attachments.length} attachment(s)`}</span>
                </li>
              ))}
            </ol>
          </div>
          <div className="pg-log">
            <h3>Connection log</h3>
            <ol data-testid={`network-log-${slot}`} aria-label="Connection log">
              {[...log].reverse().map((entry) => (
                <li key={entry.id} data-kind={entry.kind}>
                  <time>{time(entry.at)}</time> <span className="pg-tag" data-kind={entry.kind}>{entry.kind}</span> {entry.text}
                </li>
              ))}
            </ol>
          </div>
        </div>
      </div>
    </section>
  );
}
