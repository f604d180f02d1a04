import { useComposer, useMessages, useRooms, useTyping, useUnreadCount, useUser } from 'confab-chat';

/** One line of the conversation: the author's name comes from the store, by id. */
function Line({ authorId, text }: { authorId: string; text: string }) {
  const author = useUser(authorId);
  return (
    <li>
      <b>{author?.name ?? authorId}</b> {text}
    </li>
  );
}

export function Room({ roomId }: { roomId: string }) {
  const { messages, pending, hasOlder, loadOlder } = useMessages(roomId);
  const composer = useComposer(roomId);
  const { users: typing } = useTyping(roomId);
  return (
    <section>
      {hasOlder && <button onClick={() => void loadOlder()}>Older messages</button>}
      <ul>
        {messages.map((message) => (
          <Line key={message.id} authorId={message.authorId} text={message.text} />
        ))}
        {pending.map((message) => (
          <li key={message.clientId} data-status={message.status}>
            {message.text}
          </li>
        ))}
      </ul>
      {typing.length > 0 && <p>{typing.map((user) => user.name).join(', ')} typing…</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void composer.send();
        }}
      >
        <input aria-label="Message" value={composer.text} onChange={(event) => composer.setText(event.target.value)} />
        <button disabled={!composer.canSend}>Send</button>
        {composer.error && <p role="alert">{composer.error.message}</p>}
      </form>
    </section>
  );
}

export function RoomList({ onOpen }: { onOpen: (roomId: string) => void }) {
  const rooms = useRooms();
  return (
    <ul>
      {rooms.map((room) => (
        <li key={room.id}>
          <button onClick={() => onOpen(room.id)}>
            {room.name} <Unread roomId={room.id} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Unread({ roomId }: { roomId: string }) {
  const count = useUnreadCount(roomId);
  return count > 0 ? <span>({count})</span> : null;
}
