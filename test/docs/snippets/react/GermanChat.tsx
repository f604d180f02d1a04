import { Chat, loadChatStrings } from 'confab-chat/ui';

// Optional: fetch the German texts before the first render, so the chat appears in German at once.
await loadChatStrings('de');

export function GermanChat() {
  return <Chat defaultRoomId="general" locale="de" strings={{ send: 'Abschicken' }} />;
}
