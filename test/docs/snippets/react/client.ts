import { createChatClient } from 'confab-chat';
import { createIndexedDbOutbox, createUploadAdapter, createWebSocketTransport } from 'confab-chat/transports/websocket';

// Your backend signs a token for the signed-in person (see "Running the host").
const tokenProvider = () => fetch('/chat-token', { credentials: 'include' }).then((response) => response.text());

export const client = createChatClient({
  transport: createWebSocketTransport({ url: 'wss://chat.example.com/ws', tokenProvider }),
  // Messages written offline survive a reload and are sent when the connection is back.
  outbox: createIndexedDbOutbox(),
});

// Pass to <Chat uploads={uploads}>: files go to the host's POST /uploads, with progress.
export const uploads = createUploadAdapter({ baseUrl: 'https://chat.example.com', tokenProvider });
