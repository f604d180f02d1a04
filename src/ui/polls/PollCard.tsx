import { useId, useMemo, type ReactNode } from 'react';
import { useCurrentUserId, useMyRole, usePoll, useUsersById, type Message, type Poll } from '../../react';
import { cx, useStrings } from '../config';
import { pollRows } from './results';

/**
 * Props of {@link PollCard}.
 *
 * @example
 * <PollCard message={message as Message & { poll: Poll }} />
 */
export interface PollCardProps {
  message: Message & { poll: Poll };
  className?: string;
}

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * A poll in a message: the question, each option with its bar, share and votes, one's own choice
 * marked, and who voted for what unless the poll is anonymous. The options are a radio group
 * (single choice) or a group of checkboxes (multiple choice); choosing votes at once. A closed poll
 * shows its results and takes no votes; its author or a room admin may close it. State as data
 * attributes: `data-closed`, `data-multiple`, `data-anonymous` on the card, `data-chosen` on an
 * option.
 *
 * @example
 * {message.poll && <PollCard message={message as Message & { poll: Poll }} />}
 */
export function PollCard({ message, className }: PollCardProps): ReactNode {
  const strings = useStrings();
  const { poll } = message;
  const { ownVote, choose, close, busy, error } = usePoll(message);
  const me = useCurrentUserId();
  const role = useMyRole(message.roomId);
  const questionId = useId();
  const rows = pollRows(poll, ownVote);
  const voterIds = useMemo(() => (poll.anonymous ? NO_IDS : [...new Set(poll.counts.flatMap((count) => count.voterIds ?? []))]), [poll]);
  const voters = useUsersById(voterIds);
  const names = new Map(voters.flatMap((user) => (user ? [[user.id, user.name] as const] : [])));
  const closed = poll.closedAt !== undefined;
  const canClose = !closed && (message.authorId === me || role === 'admin');
  const inputType = poll.multiple ? 'checkbox' : 'radio';

  return (
    <div
      className={cx('confab-poll', className)}
      data-closed={closed ? '' : undefined}
      data-multiple={poll.multiple ? '' : undefined}
      data-anonymous={poll.anonymous ? '' : undefined}
      aria-busy={busy || undefined}
    >
      <p id={questionId} className="confab-poll-question">
        {poll.question}
      </p>
      <p className="confab-poll-meta">
        {poll.multiple ? strings.pollChooseSeveral : strings.pollChooseOne}
        {poll.anonymous && ` · ${strings.pollAnonymousNote}`}
      </p>
      <div className="confab-poll-options" role={poll.multiple ? 'group' : 'radiogroup'} aria-labelledby={questionId}>
        {rows.map((row) => (
          <div key={row.option.id} className="confab-poll-option" data-chosen={row.chosen ? '' : undefined}>
            <label className="confab-poll-choice">
              <input
                type={inputType}
                name={`${questionId}-choice`}
                checked={row.chosen}
                disabled={closed || busy}
                onChange={() => void choose(row.option.id)}
              />
              <span className="confab-poll-option-text">{row.option.text}</span>
              <span className="confab-poll-option-count">
                {row.percent}% · {strings.pollVotes(row.votes)}
              </span>
            </label>
            <div className="confab-poll-bar" aria-hidden="true">
              <div className="confab-poll-bar-fill" style={{ inlineSize: `${row.percent}%` }} />
            </div>
            {row.voterIds.length > 0 && <p className="confab-poll-voters">{strings.pollVotedBy(row.voterIds.map((id) => names.get(id) ?? strings.someone))}</p>}
          </div>
        ))}
      </div>
      <div className="confab-poll-footer">
        <span className="confab-poll-total">{strings.pollVoters(poll.voterCount)}</span>
        {closed && <span className="confab-poll-closed">{strings.pollClosed}</span>}
        {canClose && (
          <button type="button" className="confab-button" data-variant="secondary" disabled={busy} onClick={() => void close()}>
            {strings.closePoll}
          </button>
        )}
      </div>
      {error && (
        <p className="confab-poll-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
