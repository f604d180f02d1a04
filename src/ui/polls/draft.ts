import { POLL_LIMITS } from '../../react';

/**
 * The poll form's fields, before they are checked.
 *
 * @example
 * const draft: PollDraft = { question: 'Lunch?', options: ['Pizza', ''], multiple: false, anonymous: false };
 */
export interface PollDraft {
  question: string;
  options: readonly string[];
  multiple: boolean;
  anonymous: boolean;
}

/**
 * A fresh form: the question given (from `/poll question`) and two empty options.
 *
 * @example
 * newPollDraft('Lunch?').options; // ['', '']
 */
export function newPollDraft(question = ''): PollDraft {
  return { question, options: ['', ''], multiple: false, anonymous: false };
}

/** Whether another option may be added (at most {@link POLL_LIMITS}.maxOptions). */
export function canAddOption(draft: PollDraft): boolean {
  return draft.options.length < POLL_LIMITS.maxOptions;
}

/** Whether an option may be removed (at least {@link POLL_LIMITS}.minOptions stay). */
export function canRemoveOption(draft: PollDraft): boolean {
  return draft.options.length > POLL_LIMITS.minOptions;
}

/**
 * What the form sends: the options that were filled in (empty fields are left out, so a spare
 * field is no error). The server's rule (`checkPollInput`) then says what is still wrong.
 *
 * @example
 * pollInputOf({ question: 'Lunch?', options: ['Pizza', ' ', 'Sushi'], multiple: false, anonymous: true }).options; // ['Pizza', 'Sushi']
 */
export function pollInputOf(draft: PollDraft): { question: string; options: string[]; multiple: boolean; anonymous: boolean } {
  return { question: draft.question, options: draft.options.filter((option) => option.trim() !== ''), multiple: draft.multiple, anonymous: draft.anonymous };
}
