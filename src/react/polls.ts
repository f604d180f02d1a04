import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { nextVote, ownVoteOf, selectOwnPollVote } from '../core';
import { toChatError, type ChatError, type Message, type Poll } from '../protocol';
import { useClientFor } from './provider';

/**
 * What {@link usePoll} returns: one's own vote (undefined until known) and the actions on the poll.
 *
 * @example
 * const { ownVote, choose, close, error } = usePoll(message);
 */
export interface PollView {
  ownVote: readonly string[] | undefined;
  /** Votes for an option as a click would: picks it, switches to it, or takes it back (see `nextVote`). */
  choose(optionId: string): Promise<void>;
  close(): Promise<void>;
  /** A vote or close in flight. */
  busy: boolean;
  /** Why the last vote or close was refused, until the next one. */
  error: ChatError | null;
}

/**
 * A poll message's own vote and actions. In an anonymous poll one's own vote is asked of the
 * server once (nobody else's is ever told).
 *
 * @example
 * function PollButtons({ message }: { message: Message & { poll: Poll } }) {
 *   const { ownVote, choose } = usePoll(message);
 *   return message.poll.options.map((option) => (
 *     <button key={option.id} aria-pressed={ownVote?.includes(option.id)} onClick={() => void choose(option.id)}>{option.text}</button>
 *   ));
 * }
 */
export function usePoll(message: Message & { poll: Poll }): PollView {
  const client = useClientFor('usePoll');
  const { roomId, id: messageId, poll } = message;
  const stored = useStore(client.store, (state) => selectOwnPollVote(state, roomId, messageId));
  const meId = useStore(client.store, (state) => state.me);
  const ownVote = ownVoteOf(poll, meId, stored);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ChatError | null>(null);
  const unknown = ownVote === undefined;

  useEffect(() => {
    if (unknown && message.deletedAt === undefined) client.loadOwnPollVote(roomId, messageId).catch(() => {});
  }, [client, roomId, messageId, unknown, message.deletedAt]);

  const act = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (reason) {
      setError(toChatError(reason));
    } finally {
      setBusy(false);
    }
  }, []);

  const choose = useCallback(
    (optionId: string) => act(() => client.votePoll(roomId, messageId, nextVote(poll, ownVote ?? [], optionId))),
    [act, client, roomId, messageId, poll, ownVote],
  );
  const close = useCallback(() => act(() => client.closePoll(roomId, messageId)), [act, client, roomId, messageId]);
  return { ownVote, choose, close, busy, error };
}
