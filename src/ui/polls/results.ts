import type { Poll, PollOption } from '../../react';

/**
 * One option of a poll as a card shows it: its votes, its share of the people who voted (whole
 * percent), who voted for it (not in an anonymous poll) and whether it is one's own choice.
 *
 * @example
 * const row: PollRow = { option: { id: 'o1', text: 'Pizza' }, votes: 2, percent: 67, voterIds: ['ana', 'bo'], chosen: true };
 */
export interface PollRow {
  option: PollOption;
  votes: number;
  percent: number;
  voterIds: readonly string[];
  chosen: boolean;
}

/**
 * The rows of a poll card. Shares are of the people who voted, so a single-choice poll's add up to
 * about 100 and a multiple-choice poll's may add up to more.
 *
 * @example
 * pollRows(poll, ['o1']).map((row) => row.percent); // [67, 33]
 */
export function pollRows(poll: Poll, ownVote: readonly string[] | undefined): PollRow[] {
  return poll.options.map((option) => {
    const count = poll.counts.find((entry) => entry.optionId === option.id);
    const votes = count?.votes ?? 0;
    return {
      option,
      votes,
      percent: poll.voterCount === 0 ? 0 : Math.round((votes / poll.voterCount) * 100),
      voterIds: count?.voterIds ?? [],
      chosen: ownVote?.includes(option.id) ?? false,
    };
  });
}
