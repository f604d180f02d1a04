import { checkPollInput, type Message, type Poll, type PollInput } from '../protocol';
import { updateState, type ClientContext } from './clientContext';
import { applyEvent, selectOwnPollVote, withOwnPollVote } from './store';

/**
 * The vote a click makes: in a single-choice poll the clicked option (or none when it was already
 * the choice); in a multiple-choice poll the current choice with the clicked option toggled.
 *
 * @example
 * nextVote({ multiple: false }, ['o1'], 'o2'); // ['o2']
 * nextVote({ multiple: true }, ['o1'], 'o1'); // []
 */
export function nextVote(poll: { multiple: boolean }, current: readonly string[], clicked: string): string[] {
  if (!poll.multiple) return current.length === 1 && current[0] === clicked ? [] : [clicked];
  return current.includes(clicked) ? current.filter((id) => id !== clicked) : [...current, clicked];
}

/**
 * Polls for a ChatClient: creating one (checked with the protocol's rule before it is sent),
 * voting, closing, and learning one's own vote. Each answer is folded into the store at once, so
 * the poll card changes without waiting for the event.
 */
export class PollActions {
  private readonly asking = new Map<string, Promise<readonly string[]>>();

  constructor(
    private readonly ctx: ClientContext,
    private readonly createClientId: () => string,
  ) {}

  private keep(message: Message, type: 'message.created' | 'message.updated'): Message {
    updateState(this.ctx.store, (state) => applyEvent(state, { type, message }, this.ctx.now()));
    return message;
  }

  private keepOwnVote(roomId: string, messageId: string, optionIds: readonly string[]): void {
    updateState(this.ctx.store, (state) => ({ ownPollVotes: withOwnPollVote(state.ownPollVotes, roomId, messageId, optionIds) }));
  }

  async create(roomId: string, input: PollInput): Promise<Message> {
    const problem = checkPollInput(input);
    if (problem) throw problem;
    const message = await this.ctx.transport.request({
      type: 'poll.create',
      roomId,
      clientId: this.createClientId(),
      question: input.question,
      options: [...input.options],
      multiple: input.multiple === true,
      anonymous: input.anonymous === true,
    });
    return this.keep(message, 'message.created');
  }

  async vote(roomId: string, messageId: string, optionIds: readonly string[]): Promise<Message> {
    const result = await this.ctx.transport.request({ type: 'poll.vote', roomId, messageId, optionIds: [...optionIds] });
    this.keepOwnVote(roomId, messageId, result.optionIds);
    return this.keep(result.message, 'message.updated');
  }

  async close(roomId: string, messageId: string): Promise<Message> {
    return this.keep(await this.ctx.transport.request({ type: 'poll.close', roomId, messageId }), 'message.updated');
  }

  /** One's own vote, from the store when known, else asked once (concurrent callers share the request). */
  ownVote(roomId: string, messageId: string): Promise<readonly string[]> {
    const known = selectOwnPollVote(this.ctx.store.getState(), roomId, messageId);
    if (known) return Promise.resolve(known);
    const key = `${roomId}/${messageId}`;
    let asked = this.asking.get(key);
    if (!asked) {
      asked = this.ctx.transport
        .request({ type: 'poll.ownVote', roomId, messageId })
        .then(({ optionIds }) => {
          this.keepOwnVote(roomId, messageId, optionIds);
          return optionIds;
        })
        .finally(() => this.asking.delete(key));
      this.asking.set(key, asked);
    }
    return asked;
  }
}

/**
 * One's own vote in a poll: named by the counts when the poll is not anonymous, else what the
 * store learned (undefined until it is known).
 *
 * @example
 * ownVoteOf(message.poll, 'ana', selectOwnPollVote(state, roomId, message.id)); // ['o1']
 */
export function ownVoteOf(poll: Poll, meId: string | null, stored: readonly string[] | undefined): readonly string[] | undefined {
  if (poll.anonymous || meId === null) return stored;
  return poll.counts.filter((count) => count.voterIds?.includes(meId)).map((count) => count.optionId);
}
