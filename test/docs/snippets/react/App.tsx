import 'confab-chat/styles.css';
import { createRoot } from 'react-dom/client';
import { ChatProvider, createChatClient } from 'confab-chat';
import { createReferenceServer } from 'confab-chat/server';
import { createMemoryTransport } from 'confab-chat/transports/memory';
import { Chat } from 'confab-chat/ui';

// A reference server in the page, with two people and a room: nothing else to run to try it.
const server = createReferenceServer();
server.upsertUser({ id: 'ana', name: 'Ana' });
server.upsertUser({ id: 'bo', name: 'Bo' });
server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'welcome', text: 'Welcome, Ana!' });

const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });

function App() {
  return (
    // <Chat> fills its container: give it a height.
    <div style={{ height: '100vh' }}>
      <ChatProvider client={client}>
        <Chat defaultRoomId="general" theme="system" />
      </ChatProvider>
    </div>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
