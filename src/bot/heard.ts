import type { Message } from '../protocol';

/** How many message ids a bot remembers having handled: more than a resume replays (100). */
const REMEMBERED = 2000;

/**
 * What a bot has heard, so that after a reconnect it asks each room for what it missed (from the
 * newest sequence it heard there) and handles every message once, whether it came live or in the
 * replay.
 *
 * @example
 * const heard = new HeardMessages();
 * if (heard.remember(message)) handle(message);
 * for (const { roomId, afterSequence } of heard.resumePoints()) replay(roomId, afterSequence);
 */
export class HeardMessages {
  private readonly newest = new Map<string, number>();
  private readonly ids = new Set<string>();

  /** Notes a message; false when it was heard before (handle it only on true). */
  remember(message: Pick<Message, 'id' | 'roomId' | 'sequence'>): boolean {
    if (this.ids.has(message.id)) return false;
    this.ids.add(message.id);
    if (this.ids.size > REMEMBERED) this.ids.delete(this.ids.values().next().value as string);
    if (message.sequence > (this.newest.get(message.roomId) ?? 0)) this.newest.set(message.roomId, message.sequence);
    return true;
  }

  /** A room the bot is in, heard up to `lastSequence` (what came before it joined or started is not its business). */
  noteRoom(roomId: string, lastSequence: number): void {
    if (lastSequence > (this.newest.get(roomId) ?? -1)) this.newest.set(roomId, lastSequence);
  }

  /** Where to resume each room from: the newest sequence heard in it. */
  resumePoints(): Array<{ roomId: string; afterSequence: number }> {
    return [...this.newest].map(([roomId, afterSequence]) => ({ roomId, afterSequence }));
  }

  /** A room the bot is no longer in. */
  forgetRoom(roomId: string): void {
    this.newest.delete(roomId);
  }
}
