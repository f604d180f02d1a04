export { CreatePollDialog, type CreatePollDialogProps } from './CreatePollDialog';
export { PollCard, type PollCardProps } from './PollCard';
export { pollRows, type PollRow } from './results';
export { canAddOption, canRemoveOption, newPollDraft, pollInputOf, type PollDraft } from './draft';
