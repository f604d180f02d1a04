import { useCallback } from 'react';
import { useStore } from 'zustand';
import { canStopStreaming, selectMe, selectRoom, type ChatState } from '../core';
import type { Message } from '../protocol';
import { useClientFor } from './provider';

/**
 * What a person can do about a streamed message: whether they may stop it now, and `stop`. The
 * answer is a boolean selected from the store, so a row re-renders only when it flips, not on
 * every piece.
 *
 * @example
 * const { canStop, stop } = useStreamControl('general', message);
 * return canStop ? <button onClick={() => void stop()}>Stop</button> : null;
 */
export interface StreamControl {
  canStop: boolean;
  stop(): Promise<Message>;
}

/**
 * The Stop control of a streamed message (see {@link StreamControl}).
 *
 * @example
 * const { canStop, stop } = useStreamControl(roomId, message);
 */
export function useStreamControl(roomId: string, message: Pick<Message, 'id' | 'authorId' | 'streaming'>): StreamControl {
  const client = useClientFor('useStreamControl');
  const requestedBy = message.streaming?.requestedBy;
  const state = message.streaming?.state;
  const canStop = useStore(
    client.store,
    useCallback(
      (chatState: ChatState) => {
        const me = selectMe(chatState);
        const role = selectRoom(chatState, roomId)?.members.find((member) => member.userId === me)?.role;
        return canStopStreaming({ authorId: message.authorId, ...(state ? { streaming: { state, ...(requestedBy ? { requestedBy } : {}) } } : {}) }, me, role);
      },
      [roomId, message.authorId, state, requestedBy],
    ),
  );
  const stop = useCallback(() => client.stopStreaming(roomId, message.id), [client, roomId, message.id]);
  return { canStop, stop };
}
