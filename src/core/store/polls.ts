import { EMPTY_RECORD, lookup, withEntry, type IdRecord } from './records';

/**
 * The signed-in person's own votes, by poll (`roomId/messageId`): what they chose. An anonymous
 * poll's counts never name voters, so one's own choice is kept here (from `poll.vote`, the
 * `poll.voted` event and `poll.ownVote`); a poll absent here has not been asked about yet.
 *
 * @example
 * selectOwnPollVote(client.store.getState(), 'general', 'm_1'); // ['o2'] or undefined
 */
export interface PollVotesSlice {
  ownPollVotes: IdRecord<readonly string[]>;
}

export const initialPollVotes: PollVotesSlice = { ownPollVotes: EMPTY_RECORD };

function pollKey(roomId: string, messageId: string): string {
  return `${roomId}/${messageId}`;
}

/** A copy with one's vote in a poll set (the same record when it did not change). */
export function withOwnPollVote(votes: IdRecord<readonly string[]>, roomId: string, messageId: string, optionIds: readonly string[]): IdRecord<readonly string[]> {
  const key = pollKey(roomId, messageId);
  const current = lookup(votes, key);
  if (current && current.length === optionIds.length && current.every((id, index) => id === optionIds[index])) return votes;
  return withEntry(votes, key, [...optionIds]);
}

/** One's own vote in a poll, or undefined when the client does not know it yet. */
export function selectOwnPollVote(state: PollVotesSlice, roomId: string, messageId: string): readonly string[] | undefined {
  return lookup(state.ownPollVotes, pollKey(roomId, messageId));
}
