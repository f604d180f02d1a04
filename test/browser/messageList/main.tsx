/* global document, location, window -- a browser page */
// The page test/browser/messageList.e2e.mjs drives: Ana's <MessageList> on the in-memory reference
// server, as a user of the package would mount it. `?unread=N&total=M` seeds M messages by Bo and
// Chen with Ana's read cursor N before the newest; `&talking=1` has Bo write while the room opens.
// `window.__test` lets the test read the server's state (not the UI's) and make people talk.
import { useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTestChat, TestChatProvider } from 'confab-chat/testing';
import { MessageList } from 'confab-chat/ui';
import 'confab-chat/styles.css';

const params = new URLSearchParams(location.search);
const total = Number(params.get('total') ?? 300);
const unread = Number(params.get('unread') ?? 250);
const talking = params.get('talking') === '1';

const chat = createTestChat();
chat.seedMessages('general', total, { authorIds: ['bo', 'chen'] });
chat.server.actAs('ana', { type: 'cursor.set', roomId: 'general', sequence: total - unread });

declare global {
  interface Window {
    __test: { cursor(): number; say(text: string): number };
  }
}

window.__test = {
  cursor() {
    const outcome = chat.server.actAs('ana', { type: 'cursor.list', roomId: 'general' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value.find((cursor) => cursor.userId === 'ana')?.sequence ?? 0;
  },
  say(text) {
    return chat.say('bo', 'general', text).sequence;
  },
};

/**
 * Opens the room at once, or with `talking`, after Ana's client is connected and Bo has written
 * three messages it received live; Bo writes five more while the list opens.
 */
function OpenRoom({ children }: { children: ReactNode }): ReactNode {
  const [open, setOpen] = useState(!talking);
  useEffect(() => {
    if (!talking) return;
    let said = 0;
    const talk = () => window.__test.say(`Bo, while Ana opens the room (${++said})`);
    const timer = setInterval(() => {
      if (said < 8) talk();
      if (said === 3) setOpen(true);
      if (said >= 8) clearInterval(timer);
    }, 100);
    return () => clearInterval(timer);
  }, []);
  return open ? children : null;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <TestChatProvider chat={chat} userId="ana">
    <div className="confab-root" data-theme="light" style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <OpenRoom>
        <MessageList roomId="general" />
      </OpenRoom>
    </div>
  </TestChatProvider>,
);
