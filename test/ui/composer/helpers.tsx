import type { Message } from '../../../src/protocol';
import type { TestChat } from '../../../src/testing';
import { useRoomView, type RoomView } from '../../../src/ui/roomView';

/** A room's messages as the server holds them (read as Bo, a member of every fixture room). */
export function serverMessages(chat: TestChat, roomId = 'general'): Message[] {
  const outcome = chat.server.actAs('bo', { type: 'message.history', roomId });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.messages;
}

/** A component that captures the room view around it, so a test can call startEdit and startQuote. */
export function createViewProbe(): { ViewProbe: () => null; view: () => RoomView | null } {
  let captured: RoomView | null = null;
  function ViewProbe(): null {
    captured = useRoomView();
    return null;
  }
  return { ViewProbe, view: () => captured };
}
