/**
 * Confab for React, headless: `ChatProvider` and the hooks. No markup; bring your own components
 * or use `confab-chat/ui`. Also re-exports what a React app needs from the core and the protocol, so
 * `import { … } from 'confab-chat'` is enough for the headless path.
 *
 * @example
 * import { ChatProvider, createChatClient, useMessages } from 'confab-chat';
 * import { createMemoryTransport } from 'confab-chat/transports/memory';
 *
 * @packageDocumentation
 * @module confab
 */
export { ChatProvider, useChatClient, useChatStore, type ChatProviderProps } from './provider';
export { ConfabContextError, createRequiredContext, type RequiredContext } from './requiredContext';
export { useConnection, useCurrentUser, useOnlineUserIds, usePresence, useUser, type ConnectionInfo, type CurrentUser } from './connection';
export { useRoom, useRoomGone, useRooms, useTotalUnread, useUnreadCount } from './rooms';
export { useMessage, useMessages, useThread, type MessagesView, type ThreadView } from './messages';
export { useComposer, type Composer, type ComposerOptions } from './composer';
export { useReactions, useReadReceipts, useTyping, type ReactionsView, type ReadReceipts, type TypingView } from './social';
export {
  useCurrentUserId,
  useDeleteMessage,
  useLastReadersOf,
  useLatest,
  useMarkRead,
  useMarkSeen,
  useMessageById,
  useMyRole,
  usePendingActions,
  useReadByOthers,
  useReadCursor,
  useUnreadLanding,
  useUsersById,
  type PendingActions,
  type UnreadLanding,
} from './listHooks';
export { useMessageSearch, usePeopleSearch, type SearchView } from './search';
export { useJumpToMessage, useMessageFocus, usePendingJump } from './jump';
export { useLastMessage, useRoomActions, useUsers, type RoomActions } from './directory';
export { useKnownMemberIds, useRoomMembers, type RoomMembers } from './members';
export { useStreamControl, type StreamControl } from './streaming';
export { useCanModerate, useIsSiteModerator, useMemberMute, useModeration, useOpenReports, useSecondsLeft, type OpenReports } from './moderation';
export { useBlocking, useInvitations, usePublicRooms, type Blocking, type InvitationsView, type PublicRoomsOptions, type PublicRoomsView } from './people';
export { useDeliveryStatus, useMarkUnread, useReadingHold, useUnreadMark } from './reading';
export { usePinnedMessages, usePins, type PinnedMessagesView, type PinsView } from './pins';
export { useIsMuted, useRoomSettings, type RoomSettingsView } from './roomSettings';
// Slash commands and polls (issue #14)
export { useRoomCommands } from './slashCommands';
export { usePoll, type PollView } from './polls';

export {
  createChatClient,
  createMemoryOutbox,
  memberCountOf,
  roleInRoom,
  validateMessage,
  // Slash commands and polls (issue #14)
  commandQuery,
  matchCommands,
  nextVote,
  parseDraft,
  type ChatClient,
  type ChatClientOptions,
  type ChatState,
  type ChatStore,
  type MessageFocus,
  type ReadonlyChatStore,
  type ConnectionStatus,
  type MemberPage,
  type DeliveryStatus,
  type OutboxStorage,
  type PendingMessage,
  type PublicRoomsQuery,
  type RoomSettingsPatch,
  type ChatNotification,
  type NotificationPermissionState,
  type Notifier,
  type NotificationDecision,
  type NotificationInput,
  type NotificationView,
  createNoopNotifier,
  notificationDecision,
  shouldNotify,
  type SendMessageInput,
  type Thread,
  type Timeline,
  type Transport,
  type TransportListener,
  type UserProfile,
  type Moderation,
  type ModerationDuration,
  type SlashCommandSpec,
  type SlashInvocation,
  type SlashOutcome,
} from '../core';
export {
  ChatError,
  DEFAULT_LIMITS,
  TYPING_TTL_MS,
  isRetryable,
  utf8ByteLength,
  type Attachment,
  type ChatErrorPayload,
  type CustomData,
  type ErrorCode,
  type Limits,
  type Message,
  type MessageSearchHit,
  type MessageSearchPage,
  type Invitation,
  type Presence,
  type Reaction,
  type ReadCursor,
  type Role,
  type NotificationLevel,
  type Room,
  type RoomKind,
  type RoomSettings,
  type RoomMember,
  type SequenceRange,
  type TextRange,
  type StreamingState,
  type User,
  REPORT_REASONS,
  MAX_MODERATION_REASON_LENGTH,
  type MemberMute,
  type Report,
  type ReportAction,
  type ReportReason,
  type RoomBan,
  type BotCommand,
  type Poll,
  type PollInput,
  type PollOption,
  type PollCount,
  POLL_LIMITS,
  checkPollInput,
  toChatError,
} from '../protocol';
export { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';
