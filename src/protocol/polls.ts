import * as v from 'valibot';
import { ChatError } from './errors';
import { codePointLength } from './limits';

/**
 * The rules a poll must meet, on the server and in a client's form alike.
 *
 * @example
 * if (options.length > POLL_LIMITS.maxOptions) showHint();
 */
export const POLL_LIMITS = Object.freeze({
  minOptions: 2,
  maxOptions: 10,
  /** Characters (code points) of the question. */
  maxQuestionLength: 300,
  /** Characters (code points) of one option. */
  maxOptionLength: 100,
});

/** A poll option's id: chosen by the server (`o1`, `o2`, …), short and stable. */
const OptionIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(16), v.regex(/^[a-z0-9]+$/));

/**
 * One answer of a poll.
 *
 * @example
 * const option: PollOption = { id: 'o1', text: 'Tuesday' };
 */
export type PollOption = v.InferOutput<typeof PollOptionSchema>;
export const PollOptionSchema = v.object({ id: OptionIdSchema, text: v.string() });

/**
 * How many voted for one option. `voterIds` is present only when the poll is not anonymous: an
 * anonymous poll never names its voters to anyone (each voter learns their own choice alone, by
 * `poll.ownVote` and the `poll.voted` event).
 *
 * @example
 * const count: PollCount = { optionId: 'o1', votes: 2, voterIds: ['ana', 'bo'] };
 */
export type PollCount = v.InferOutput<typeof PollCountSchema>;
export const PollCountSchema = v.object({
  optionId: OptionIdSchema,
  votes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  voterIds: v.optional(v.array(v.string())),
});

/**
 * A poll, carried by its message (`message.poll`; the message's text is the question). Counts are
 * kept by the server, one entry per option in the options' order; `voterCount` is how many people
 * voted (in a multiple-choice poll one person may count for several options).
 *
 * @example
 * const poll: Poll = {
 *   question: 'Lunch?', multiple: false, anonymous: false, voterCount: 1,
 *   options: [{ id: 'o1', text: 'Pizza' }, { id: 'o2', text: 'Sushi' }],
 *   counts: [{ optionId: 'o1', votes: 1, voterIds: ['ana'] }, { optionId: 'o2', votes: 0, voterIds: [] }],
 * };
 */
export type Poll = v.InferOutput<typeof PollSchema>;
export const PollSchema = v.object({
  question: v.string(),
  options: v.array(PollOptionSchema),
  multiple: v.boolean(),
  anonymous: v.boolean(),
  counts: v.array(PollCountSchema),
  voterCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** When the poll was closed; it takes no votes after. */
  closedAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/**
 * What it takes to create a poll: the question, 2–10 distinct options, and whether one may pick
 * several and whether voters stay anonymous (both default false).
 *
 * @example
 * const input: PollInput = { question: 'Lunch?', options: ['Pizza', 'Sushi'], multiple: false, anonymous: true };
 */
export interface PollInput {
  question: string;
  options: readonly string[];
  multiple?: boolean;
  anonymous?: boolean;
}

/**
 * Checks a poll before it is created, with the reason in a sentence: the one copy of the rule,
 * used by the server and by forms that want to say no before sending. Compares trimmed text and
 * finds duplicate options regardless of case.
 *
 * @example
 * checkPollInput({ question: 'Lunch?', options: ['Pizza'] }); // ChatError invalid: at least 2 options
 * checkPollInput({ question: 'Lunch?', options: ['Pizza', 'Sushi'] }); // null
 */
export function checkPollInput(input: PollInput): ChatError | null {
  const question = input.question.trim();
  if (question === '') return new ChatError('invalid', 'A poll needs a question.');
  if (codePointLength(question) > POLL_LIMITS.maxQuestionLength) {
    return new ChatError('too_large', `A poll question may be at most ${POLL_LIMITS.maxQuestionLength} characters; this one has ${codePointLength(question)}.`);
  }
  const options = input.options.map((option) => option.trim());
  if (options.length < POLL_LIMITS.minOptions) return new ChatError('invalid', `A poll needs at least ${POLL_LIMITS.minOptions} options; this one has ${options.length}.`);
  if (options.length > POLL_LIMITS.maxOptions) return new ChatError('too_large', `A poll may have at most ${POLL_LIMITS.maxOptions} options; this one has ${options.length}.`);
  const seen = new Set<string>();
  for (const [index, option] of options.entries()) {
    if (option === '') return new ChatError('invalid', `Option ${index + 1} of the poll is empty.`);
    if (codePointLength(option) > POLL_LIMITS.maxOptionLength) {
      return new ChatError('too_large', `A poll option may be at most ${POLL_LIMITS.maxOptionLength} characters; option ${index + 1} has ${codePointLength(option)}.`);
    }
    const folded = option.toLocaleLowerCase();
    if (seen.has(folded)) return new ChatError('invalid', `The option "${option}" appears twice in the poll.`);
    seen.add(folded);
  }
  return null;
}
