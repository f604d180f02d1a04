import { TYPING_TTL_MS, toChatError } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { nextTypingExpiry, pruneTyping } from './store';

/**
 * Whether a keystroke should tell the room again: not more often than the throttle.
 *
 * @example
 * shouldNotifyTyping(undefined, 1000, 2000); // true: nothing sent yet
 * shouldNotifyTyping(500, 1000, 2000); // false: sent 500 ms ago
 */
export function shouldNotifyTyping(lastSentAt: number | undefined, now: number, throttleMs: number): boolean {
  return lastSentAt === undefined || now - lastSentAt >= throttleMs;
}

/**
 * Whether stopping should tell the room: only while the last notice is still showing there.
 *
 * @example
 * shouldSendTypingStop(1000, 2000); // true
 * shouldSendTypingStop(undefined, 2000); // false
 */
export function shouldSendTypingStop(lastSentAt: number | undefined, now: number): boolean {
  return lastSentAt !== undefined && now - lastSentAt < TYPING_TTL_MS;
}

/**
 * Typing, both ways: throttled notices of the signed-in user, and the expiry of other people's
 * notices in the store (one timer, set for the next one to expire).
 */
export class TypingNotices {
  private readonly sentAt = new Map<string, number>();
  private pruneTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ctx: ClientContext,
    private readonly throttleMs: number,
  ) {}

  notify(roomId: string): void {
    const now = this.ctx.now();
    if (!this.ctx.isOnline() || !shouldNotifyTyping(this.sentAt.get(roomId), now, this.throttleMs)) return;
    this.sentAt.set(roomId, now);
    this.ctx.transport.request({ type: 'typing.start', roomId }).catch((error: unknown) => this.ctx.reportError(toChatError(error)));
  }

  stop(roomId: string): void {
    const last = this.sentAt.get(roomId);
    this.sentAt.delete(roomId);
    if (!this.ctx.isOnline() || !shouldSendTypingStop(last, this.ctx.now())) return;
    this.ctx.transport.request({ type: 'typing.stop', roomId }).catch((error: unknown) => this.ctx.reportError(toChatError(error)));
  }

  /** A sent message ends the user's typing on the server, so the next keystroke notifies again. */
  messageSent(roomId: string): void {
    this.sentAt.delete(roomId);
  }

  /** Sets the one timer for the next notice in the store to expire. */
  schedulePrune(): void {
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.pruneTimer = null;
    const next = nextTypingExpiry(this.ctx.store.getState().typing);
    if (next === undefined || this.ctx.isClosed()) return;
    this.pruneTimer = setTimeout(() => {
      this.pruneTimer = null;
      updateState(this.ctx.store, (state) => {
        const typing = pruneTyping(state.typing, this.ctx.now());
        return typing === state.typing ? {} : { typing };
      });
      this.schedulePrune();
    }, Math.max(0, next - this.ctx.now()));
  }

  stopTimers(): void {
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.pruneTimer = null;
  }
}
