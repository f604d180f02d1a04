/**
 * Confab's drop-in components (`confab-chat/ui`): `<Chat>` and every part it is made of, each
 * replaceable through the typed `components` map, built only on the public hooks of `confab-chat`.
 * Add the stylesheet once: `import 'confab-chat/styles.css'`.
 *
 * @example
 * import 'confab-chat/styles.css';
 * import { ChatProvider } from 'confab-chat';
 * import { Chat } from 'confab-chat/ui';
 *
 * <ChatProvider client={client}>
 *   <Chat defaultRoomId="general" />
 * </ChatProvider>
 *
 * @packageDocumentation
 * @module confab/ui
 */

// The shell.
export { Chat, type ChatNotificationsProps, type ChatProps } from './Chat';
export { RoomList, RoomListItem, holdOrder, type RoomListItemProps, type RoomListProps, type RoomSelectReason } from './RoomList';
export { CreateRoomDialog, type CreateRoomDialogProps } from './CreateRoomDialog';
export { DirectMessageDialog, type DirectMessageDialogProps } from './DirectMessageDialog';
export { RoomHeader, type RoomHeaderProps } from './RoomHeader';
export { ThreadPanel, type ThreadPanelProps } from './ThreadPanel';
export { ConnectionBanner, type ConnectionBannerProps } from './ConnectionBanner';
export { MembersPanel, type MembersPanelProps } from './members/MembersPanel';
export { StreamingStatus, type StreamingStatusProps } from './StreamingStatus';
export { PinnedMessages, type PinnedMessagesProps } from './pins/PinnedMessages';
export { AddPeopleDialog, type AddPeopleDialogProps } from './members/AddPeopleDialog';
export { RenameRoomDialog, type RenameRoomDialogProps } from './members/RenameRoomDialog';
export { ModerateMemberDialog, type ModerateMemberDialogProps } from './moderation/ModerateMemberDialog';
export { ModerationButton } from './moderation/ModerationButton';
export { ModerationPanel, type ModerationPanelProps } from './moderation/ModerationPanel';
export { ReportDialog, type ReportDialogProps } from './moderation/ReportDialog';
export { memberPermissions, orderMembers, roomPermissions, type MemberPermissions, type RoomPermissions } from './members/permissions';

// The room view.
export { MessageList, messageListItems, type MessageListInput, type MessageListItem, type MessageListProps } from './MessageList';
export { Message, type MessageCommonProps, type MessageProps, type MessageStatus } from './Message';
export { SystemNotice, type SystemNoticeProps } from './SystemNotice';
export { MessageActions, type MessageActionsProps } from './MessageActions';
export { Reactions, ReactionButton, type ReactionButtonProps, type ReactionsProps } from './Reactions';
export { QuotedMessage, type QuotedMessageProps } from './QuotedMessage';
export {
  HighlightedText,
  isSearchShortcut,
  SearchButton,
  SearchDialog,
  SearchHit,
  splitByRanges,
  type HighlightedTextProps,
  type SearchButtonProps,
  type SearchDialogProps,
  type SearchHitProps,
  type TextPiece,
} from './search';
export { DateSeparator, UnreadSeparator, type DateSeparatorProps, type UnreadSeparatorProps } from './Separators';
export { GapMarker, type GapMarkerProps } from './GapMarker';
export { JumpToLatestButton, JumpToUnreadButton, NewMessagesPill, type JumpToLatestButtonProps, type JumpToUnreadButtonProps, type NewMessagesPillProps } from './NewMessagesPill';
export { TypingIndicator, type TypingIndicatorProps } from './TypingIndicator';
export { ReadReceipts, type ReadReceiptsProps } from './ReadReceipts';
export { AttachmentPreview, Lightbox, attachmentKind, type AttachmentKind, type AttachmentPreviewProps, type LightboxProps } from './AttachmentPreview';
export { LinkPreviewCard, type LinkPreviewCardProps } from './LinkPreviewCard';

// The composer.
export { Composer, QuoteBar, type ComposerProps, type QuoteBarProps } from './composer';
export { EmojiPicker, loadEmojiPicker, type EmojiPickerProps, type LoadedEmojiPicker } from './EmojiPicker';
export type { EmojiPickerElement, EmojiPickerOptions, EmojiSource } from './emoji/source';

// Notifications and a person's own room settings.
export {
  createBrowserNotifier,
  createChimeSound,
  notificationContent,
  NOTIFICATION_BODY_CHARS,
  NotifierContext,
  RoomNotificationsButton,
  titleWithUnread,
  useChatNotifications,
  useNotificationPermission,
  useNotifier,
  usePageTitleUnread,
  type ChatNotificationsOptions,
  type ChatNotificationsView,
  type NotificationSound,
  type RoomNotificationsButtonProps,
} from './notifications';

// People.
export { Avatar, PresenceBadge, type AvatarProps, type PresenceBadgeProps } from './Avatar';
export {
  BlockedPeopleDialog,
  InvitationList,
  ProfileCard,
  ProfileTrigger,
  profileFields,
  useChatNavigation,
  type BlockedPeopleDialogProps,
  type ChatNavigation,
  type InvitationListProps,
  type ProfileCardProps,
  type ProfileField,
  type ProfileTriggerProps,
} from './people';
export { RoomDirectory, type RoomDirectoryProps } from './RoomDirectory';

// Configuration: strings, locale, parts, room view.
export { ChatUIProvider, cx, useEmojiSource, useLocale, useNow, useSlot, useStrings, useTextDirection, useUploadAdapter, type ChatUIOptions, type SlotName } from './config';
export { defaultComponents, type ChatComponents, type ChatPartProps } from './components';
export { defaultStrings, type ChatStrings } from './strings';

// Languages: the dictionaries, loaded on demand.
export { CHAT_LANGUAGES, loadChatDictionary, loadChatStrings, matchChatLanguage } from './i18n/catalog';
export type { ChatDictionary } from './i18n/dictionary';
export { createLocaleFormat, type LocaleFormat, type PluralCategory, type PluralForms } from './i18n/format';
export { RoomViewProvider, useRoomView, type ComposerHandle, type RoomView, type RoomViewProviderProps } from './roomView';

// Formatting.
export { RichText, parseRichText, safeHref, isEmojiOnly, type Mentionable, type RichNode, type RichTextProps } from './format/richText';
export { formatBytes, formatDateTime, formatDay, formatRelative, formatShort, formatTime } from './format/dates';
export { withNames } from './format/bidi';
// Slash commands and polls (issue #14).
export { CreatePollDialog, PollCard, pollRows, type CreatePollDialogProps, type PollCardProps, type PollRow } from './polls';
