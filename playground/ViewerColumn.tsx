import { useEffect, useState, type ReactNode } from 'react';
import { ChatProvider, useChatClient, useConnection, type ChatClient } from 'confab-chat';
import { emojiMart } from 'confab-chat/emoji-mart';
import { Chat } from 'confab-chat/ui';
import type { TransportKind } from './options';
import { hostConnection, memoryConnection, type Connection } from './connections';
import { NetworkPanel } from './NetworkPanel';
import type { Theme } from './options';
import type { World } from './world';

export interface ViewerColumnProps {
  slot: 'a' | 'b';
  userId: string;
  /** The other viewer, who cannot be picked here too. */
  otherViewer: string | null;
  onPick(userId: string): void;
  world: World;
  transport: TransportKind;
  host: string;
  theme: Theme;
  rtl: boolean;
  /** The chat's language, '' for the default. */
  locale: string;
}

/** A readable name for a room id of the world, for the network log. */
function roomNamer(world: World, me: string): (roomId: string) => string {
  return (roomId) => {
    const room = world.server.getRoom(roomId);
    if (!room) return roomId;
    if (room.kind !== 'direct') return `#${room.name}`;
    const other = room.members.find((member) => member.userId !== me)?.userId;
    return `the direct room with ${world.people.find((person) => person.id === other)?.name ?? other ?? 'someone'}`;
  };
}

/**
 * One person's view: who they are, their chat (Confab's drop-in `<Chat>` over their own client)
 * and their network panel. Keyed by person and transport: a change makes a fresh client.
 */
export function ViewerColumn({ slot, userId, otherViewer, onPick, world, transport, host, theme, rtl, locale }: ViewerColumnProps): ReactNode {
  const person = world.people.find((candidate) => candidate.id === userId);
  const [connection] = useState<Connection>(() =>
    transport === 'memory' ? memoryConnection(world.server, userId, roomNamer(world, userId)) : hostConnection(host, userId, person?.name ?? userId, roomNamer(world, userId)),
  );
  useEffect(() => () => connection.dispose(), [connection]);

  return (
    <section className="pg-viewer" data-testid={`viewer-${slot}`} aria-label={`${person?.name ?? userId}'s chat`}>
      <ChatProvider transport={connection.transport} clientOptions={{ onError: (error) => connection.log.add('error', error.message) }}>
        <div className="pg-viewer-bar">
          <label className="pg-inline">
            You are
            <select data-testid={`viewer-picker-${slot}`} value={userId} onChange={(event) => onPick(event.target.value)}>
              {world.people.map((candidate) => (
                <option key={candidate.id} value={candidate.id} disabled={candidate.id === otherViewer}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
          <ConnectionBadge slot={slot} transport={transport} />
        </div>
        <TestHandle slot={slot} />
        <div className="pg-chat">
          <Chat
            defaultRoomId="general"
            uploads={connection.uploads}
            emoji={emojiMart}
            theme={theme}
            // Right to left when asked, else the language's own direction (Arabic's is right to left).
            dir={rtl ? 'rtl' : locale ? undefined : 'ltr'}
            locale={locale || undefined}
            narrowBelow={600}
            // The room header's bell mutes a room and sets what notifies; "Turn on notifications"
            // there asks the browser. The first viewer's unread count goes in the tab's title.
            notifications={{ title: slot === 'a' }}
          />
        </div>
        <NetworkPanel slot={slot} connection={connection} />
      </ChatProvider>
    </section>
  );
}

function ConnectionBadge({ slot, transport }: { slot: 'a' | 'b'; transport: TransportKind }): ReactNode {
  const { status, error } = useConnection();
  return (
    <span className="pg-status" data-testid={`status-${slot}`} data-state={status.state} title={error?.message}>
      <span className="pg-status-dot" aria-hidden="true" />
      {status.state} · {transport === 'memory' ? 'in-page server' : 'Node host'}
    </span>
  );
}

/**
 * For the browser end-to-end tests (and the curious): each viewer's client, at
 * `window.confabPlayground.viewers.a` / `.b`, so a test can read the client's store (the oldest
 * message held, the outbox) instead of guessing from the DOM.
 */
function TestHandle({ slot }: { slot: 'a' | 'b' }): null {
  const client = useChatClient();
  useEffect(() => {
    const playground = (window as { confabPlayground?: { viewers?: Partial<Record<'a' | 'b', { client: ChatClient }>> } }).confabPlayground;
    if (!playground) return;
    playground.viewers ??= {};
    const viewers = playground.viewers;
    viewers[slot] = { client };
    return () => {
      if (viewers[slot]?.client === client) delete viewers[slot];
    };
  }, [client, slot]);
  return null;
}
