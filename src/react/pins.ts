import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { canPinIn, lookup, selectRoom } from '../core';
import type { Message } from '../protocol';
import { useClientFor } from './provider';

const NO_IDS: readonly string[] = Object.freeze([]);
const NO_MESSAGES: readonly Message[] = Object.freeze([]);

/**
 * What {@link usePins} returns.
 *
 * @example
 * const { pinnedIds, canPin, pin, unpin } = usePins('general');
 */
export interface PinsView {
  /** The room's pinned message ids in pin order (oldest pin first). */
  pinnedIds: readonly string[];
  /** Whether the signed-in user may pin and unpin here. */
  canPin: boolean;
  pin(messageId: string): Promise<Message>;
  unpin(messageId: string): Promise<Message>;
}

/**
 * A room's pins: which messages are pinned, whether the reader may pin, and pin and unpin.
 * Re-renders when the pins or the reader's right to pin change, not as messages arrive.
 *
 * @example
 * const { pinnedIds, canPin, pin } = usePins(roomId);
 * {canPin && <button onClick={() => void pin(message.id)}>Pin</button>}
 */
export function usePins(roomId: string): PinsView {
  const client = useClientFor('usePins');
  const pinnedIds = useStore(client.store, (state) => selectRoom(state, roomId)?.pinnedMessageIds ?? NO_IDS);
  const canPin = useStore(client.store, (state) => {
    const profile = state.me === null ? undefined : lookup(state.users, state.me);
    return canPinIn(selectRoom(state, roomId), state.me, (profile as { role?: unknown } | undefined)?.role);
  });
  const pin = useCallback((messageId: string) => client.pinMessage(roomId, messageId), [client, roomId]);
  const unpin = useCallback((messageId: string) => client.unpinMessage(roomId, messageId), [client, roomId]);
  return useMemo(() => ({ pinnedIds, canPin, pin, unpin }), [pinnedIds, canPin, pin, unpin]);
}

/**
 * What {@link usePinnedMessages} returns.
 *
 * @example
 * const { messages, state } = usePinnedMessages('general', open);
 */
export interface PinnedMessagesView {
  /** Newest pin first. */
  messages: readonly Message[];
  state: 'idle' | 'loading' | 'ready' | 'failed';
}

/**
 * The room's pinned messages themselves (author, time, text), asked of the server while
 * `enabled` (e.g. while the pinned list is open) and again whenever the pins change, since a
 * pinned message may be far outside the history held.
 *
 * @example
 * const { messages } = usePinnedMessages(roomId, open);
 */
export function usePinnedMessages(roomId: string, enabled: boolean): PinnedMessagesView {
  const client = useClientFor('usePinnedMessages');
  const key = useStore(client.store, (state) => (selectRoom(state, roomId)?.pinnedMessageIds ?? NO_IDS).join(','));
  const [result, setResult] = useState<{ key: string; messages: readonly Message[]; failed: boolean } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    client.listPinnedMessages(roomId).then(
      (messages) => current && setResult({ key: `${roomId}|${key}`, messages, failed: false }),
      () => current && setResult({ key: `${roomId}|${key}`, messages: [], failed: true }),
    );
    return () => {
      current = false;
    };
  }, [client, roomId, key, enabled]);
  const fresh = result !== null && result.key === `${roomId}|${key}`;
  const state = !enabled ? 'idle' : !fresh ? 'loading' : result.failed ? 'failed' : 'ready';
  // While the list reloads after a pin changed, the previous answer for this room stays shown.
  const sameRoom = result !== null && result.key.startsWith(`${roomId}|`);
  return { messages: sameRoom ? result.messages : NO_MESSAGES, state };
}
