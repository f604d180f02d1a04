import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatProvider } from 'confab-chat';
import { createReferenceServer } from 'confab-chat/server';
import { createMemoryTransport } from 'confab-chat/transports/memory';
import { Room, RoomList } from './Room';

const server = createReferenceServer();
server.upsertUser({ id: 'ana', name: 'Ana' });
server.upsertUser({ id: 'bo', name: 'Bo' });
server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'welcome', text: 'Welcome, Ana!' });

const transport = createMemoryTransport(server, { userId: 'ana' });

function App() {
  const [roomId, setRoomId] = useState<string | null>(null);
  return (
    // Given a transport, the provider makes the client, connects it, and closes it on unmount.
    <ChatProvider transport={transport}>
      <RoomList onOpen={setRoomId} />
      {roomId && <Room roomId={roomId} />}
    </ChatProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);

// Someone else, for the demo: Bo answers every message Ana sends, a moment later.
const bo = server.connect('bo', (event) => {
  if (event.type !== 'message.created' || event.message.authorId !== 'ana') return;
  const { roomId, id, text } = event.message;
  setTimeout(() => bo.handle({ type: 'message.send', roomId, clientId: `re-${id}`, text: `You said: ${text}` }), 300);
});
