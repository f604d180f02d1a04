import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChatNotification, NotificationPermissionState, Notifier } from 'confab-chat';
import { Chat } from 'confab-chat/ui';
import { seedConversation, useWorld, withWorld, type World } from './support';

/** A notifier that shows on the page what the browser would show, with a permission the story grants. */
function usePageNotifier(): { notifier: Notifier; shown: ChatNotification[]; permission: NotificationPermissionState } {
  const [shown, setShown] = useState<ChatNotification[]>([]);
  const [permission, setPermission] = useState<NotificationPermissionState>('default');
  // The notifier reads the permission it granted itself (the state is for showing it).
  const current = useRef<NotificationPermissionState>('default');
  const notifier = useMemo<Notifier>(
    () => ({
      permission: () => current.current,
      requestPermission: async () => {
        current.current = 'granted';
        setPermission('granted');
        return 'granted';
      },
      notify: (note) => setShown((list) => [note, ...list].slice(0, 8)),
    }),
    [],
  );
  return { notifier, shown, permission };
}

/** Buttons that make other people write to Ana, the way the server would deliver it. */
function Simulator({ world, hidden, onHidden }: { world: World; hidden: boolean; onHidden: (hidden: boolean) => void }): ReactNode {
  const dm = world.chat.directRoomId('ana', 'bo');
  return (
    <fieldset style={{ display: 'flex', flexDirection: 'column', gap: 6, border: '1px solid #dfe2e7', borderRadius: 8, padding: 10 }}>
      <legend>Simulate</legend>
      <button type="button" className="confab-button" data-variant="secondary" onClick={() => world.chat.say('bo', dm, 'Got a minute? The deploy is stuck.')}>
        Bo sends a direct message
      </button>
      <button type="button" className="confab-button" data-variant="secondary" onClick={() => world.chat.say('chen', 'random', '@Ana Lima can you review the <b>list</b> PR?', { mentions: ['ana'] })}>
        Chen mentions Ana in random
      </button>
      <button type="button" className="confab-button" data-variant="secondary" onClick={() => world.chat.say('dara', 'general', 'Lunch is here, by the way.')}>
        Dara writes in general (no mention)
      </button>
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={hidden} onChange={(event) => onHidden(event.target.checked)} />
        The tab is hidden (notify even for the open room)
      </label>
    </fieldset>
  );
}

/**
 * Notifications, to try: press "Turn on notifications" under the room header's bell, then make
 * people write. The panel on the right lists what the browser would show (a muted room, a room set
 * to "Nothing", the open room while the tab is visible, and a group room's chatter without a
 * mention show nothing); press one to open its room, as a click on a real notification does.
 */
function NotificationsDemo(): ReactNode {
  const world = useWorld();
  const { notifier, shown, permission } = usePageNotifier();
  const [hidden, setHidden] = useState(false);
  const [roomId, setRoomId] = useState<string | null>('general');
  const isPageHidden = useMemo(() => () => hidden, [hidden]);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, height: '100%', minHeight: 560 }}>
      <div style={{ flex: '1 1 340px', display: 'flex', minWidth: 0, minHeight: 560 }}>
        <Chat roomId={roomId} onRoomChange={setRoomId} narrowBelow={520} notifications={{ notifier, isPageHidden, title: true }} />
      </div>
      <aside style={{ flex: '1 0 240px', maxWidth: 360, display: 'flex', flexDirection: 'column', gap: 12, font: '14px system-ui' }} data-testid="notifications-log">
        <Simulator world={world} hidden={hidden} onHidden={setHidden} />
        <p style={{ margin: 0 }}>
          Permission: <strong data-testid="permission">{permission}</strong>
        </p>
        <ol style={{ margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 6 }} aria-label="Would notify">
          {shown.length === 0 && <li style={{ color: '#6b7280' }}>Nothing notified yet.</li>}
          {shown.map((note, index) => (
            <li key={`${note.messageId}-${index}`}>
              <button
                type="button"
                onClick={() => {
                  note.onClick();
                  setRoomId(note.roomId);
                }}
                style={{ width: '100%', textAlign: 'start', padding: 8, border: '1px solid #dfe2e7', borderRadius: 8, background: '#fff', cursor: 'pointer' }}
              >
                <strong style={{ display: 'block' }}>{note.title}</strong>
                <span>{note.body}</span>
              </button>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

const meta = {
  title: 'Notifications',
  component: NotificationsDemo,
  decorators: [withWorld({ setup: (world) => seedConversation(world, 'general', 30) })],
  parameters: { confab: { layout: 'fill' } },
} satisfies Meta<typeof NotificationsDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Turn notifications on under the bell, then simulate messages; muting a room silences it. */
export const TryIt: Story = {};

/** General muted by Ana: dimmed in the list with a crossed-out bell, and its unread a quiet dot. */
export const MutedRoom: Story = {
  decorators: [
    withWorld({
      setup: (world) => {
        seedConversation(world, 'general', 30);
        world.chat.server.actAs('ana', { type: 'room.settings.set', roomId: 'random', muted: true });
        world.chat.say('chen', 'random', 'Anyone up for a walk?');
      },
    }),
  ],
};
