/**
 * The framework-free chat client: the Transport interface, ChatClient (commands, optimistic
 * outbox, retries, resume) and the zustand/vanilla store with its selectors. Never imports React
 * or the DOM.
 *
 * @packageDocumentation
 * @module confab/core
 */
export { createChatClient, type ChatClient, type ChatClientOptions, type PublicRoomsQuery, type SendMessageInput } from './client';
export { appendDirectoryPage, directoryAfterId, type DirectoryState } from './roomDirectory';
export { loadAround, readableUpTo, selectFirstUnread, selectHoldsAround, selectHoldsLatest, type LoadAroundHost } from './loadAround';
export { joinedSinceLoaded } from './memberPages';
export { clearFocus, jumpTarget, jumpToMessage, type JumpHost } from './jumpToMessage';
export {
  createSearch,
  hasSearchWords,
  initialSearchState,
  messageSearchSource,
  peopleSearchSource,
  withPage,
  type Search,
  type SearchPage,
  type SearchRequester,
  type SearchSource,
  type SearchState,
} from './search';
export { activeMute, canModerate, type Moderation, type ModerationDuration } from './moderation';
export { throttledUntil } from './sendRetry';
export { createMemoryOutbox, type OutboxStorage } from './outbox';
export { readingHeld, unreadTarget } from './readCursors';
export { deliveryDelay, deliveryToReport } from './deliveryReports';
export { deliveryStatusOf, type DeliveryStatus } from './deliveryStatus';
export { canPinIn } from './pinRules';
export { optimisticSettings, type RoomSettingsPatch } from './roomSettings';
export * from './notifications';
export type { ConnectionStatus, Transport, TransportListener } from './transport';
export { SequenceTree } from './sequenceTree';
export { addRange, covers, gapsOf, type CoveredRanges } from './ranges';
export * from './store';
export type { UploadAdapter, UploadFile, UploadOptions } from './uploads';
// Slash commands and polls (issue #14)
export * from './slashCommands';
export { nextVote, ownVoteOf } from './polls';
