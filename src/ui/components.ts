import type { ComponentType } from 'react';
import { AttachmentPreview, Lightbox, type AttachmentPreviewProps, type LightboxProps } from './AttachmentPreview';
import { Avatar, PresenceBadge, type AvatarProps, type PresenceBadgeProps } from './Avatar';
import { Chat, type ChatProps } from './Chat';
import { Composer, type ComposerProps } from './composer';
import { ConnectionBanner, type ConnectionBannerProps } from './ConnectionBanner';
import { MembersPanel, type MembersPanelProps } from './members/MembersPanel';
import { CreateRoomDialog, type CreateRoomDialogProps } from './CreateRoomDialog';
import { DirectMessageDialog, type DirectMessageDialogProps } from './DirectMessageDialog';
import { EmojiPicker, type EmojiPickerProps } from './EmojiPicker';
import { GapMarker, type GapMarkerProps } from './GapMarker';
import { Message, type MessageProps } from './Message';
import { MessageActions, type MessageActionsProps } from './MessageActions';
import { MessageList, type MessageListProps } from './MessageList';
import { NewMessagesPill, type NewMessagesPillProps } from './NewMessagesPill';
import { ProfileCard, type ProfileCardProps } from './people/ProfileCard';
import { QuotedMessage, type QuotedMessageProps } from './QuotedMessage';
import { Reactions, type ReactionsProps } from './Reactions';
import { ReadReceipts, type ReadReceiptsProps } from './ReadReceipts';
import { RoomDirectory, type RoomDirectoryProps } from './RoomDirectory';
import { RoomHeader, type RoomHeaderProps } from './RoomHeader';
import { RoomList, RoomListItem, type RoomListItemProps, type RoomListProps } from './RoomList';
import { DateSeparator, UnreadSeparator, type DateSeparatorProps, type UnreadSeparatorProps } from './Separators';
import { StreamingStatus, type StreamingStatusProps } from './StreamingStatus';
import { ThreadPanel, type ThreadPanelProps } from './ThreadPanel';
import { TypingIndicator, type TypingIndicatorProps } from './TypingIndicator';
import type { SlotName } from './config';

/**
 * The props of each replaceable part, by slot name: what a replacement receives.
 *
 * @example
 * const props: ChatPartProps['Avatar'] = { userId: 'ana', size: 'sm' };
 */
export interface ChatPartProps {
  Chat: ChatProps;
  RoomList: RoomListProps;
  RoomListItem: RoomListItemProps;
  RoomHeader: RoomHeaderProps;
  MessageList: MessageListProps;
  Message: MessageProps;
  MessageActions: MessageActionsProps;
  Reactions: ReactionsProps;
  QuotedMessage: QuotedMessageProps;
  DateSeparator: DateSeparatorProps;
  UnreadSeparator: UnreadSeparatorProps;
  GapMarker: GapMarkerProps;
  NewMessagesPill: NewMessagesPillProps;
  TypingIndicator: TypingIndicatorProps;
  ReadReceipts: ReadReceiptsProps;
  AttachmentPreview: AttachmentPreviewProps;
  Lightbox: LightboxProps;
  ThreadPanel: ThreadPanelProps;
  Composer: ComposerProps;
  EmojiPicker: EmojiPickerProps;
  Avatar: AvatarProps;
  PresenceBadge: PresenceBadgeProps;
  CreateRoomDialog: CreateRoomDialogProps;
  DirectMessageDialog: DirectMessageDialogProps;
  ConnectionBanner: ConnectionBannerProps;
  MembersPanel: MembersPanelProps;
  StreamingStatus: StreamingStatusProps;
  // Rooms and people
  ProfileCard: ProfileCardProps;
  RoomDirectory: RoomDirectoryProps;
}

/**
 * The typed map of replaceable parts, one entry per {@link SlotName}: pass any of them in
 * `<Chat components={…}>` (or `ChatUIProvider`) and that part is used everywhere it appears. A
 * replacement receives the same props as the default, which is exported under the same name, so
 * it can wrap it. Define replacements outside render (like any component), or every render
 * remounts them.
 *
 * @example
 * import { Avatar, type ChatComponents } from 'confab-chat/ui';
 *
 * const RingedAvatar: ChatComponents['Avatar'] = (props) => (
 *   <span className="ring">
 *     <Avatar {...props} />
 *   </span>
 * );
 * <Chat components={{ Avatar: RingedAvatar }} />
 */
export type ChatComponents = { [K in SlotName]: ComponentType<ChatPartProps[K]> };

/**
 * The default part of every slot.
 *
 * @example
 * const DefaultAvatar = defaultComponents.Avatar;
 */
export const defaultComponents: ChatComponents = {
  Chat,
  RoomList,
  RoomListItem,
  RoomHeader,
  MessageList,
  Message,
  MessageActions,
  Reactions,
  QuotedMessage,
  DateSeparator,
  UnreadSeparator,
  GapMarker,
  NewMessagesPill,
  TypingIndicator,
  ReadReceipts,
  AttachmentPreview,
  Lightbox,
  ThreadPanel,
  Composer,
  EmojiPicker,
  Avatar,
  PresenceBadge,
  CreateRoomDialog,
  DirectMessageDialog,
  ConnectionBanner,
  MembersPanel,
  StreamingStatus,
  // Rooms and people
  ProfileCard,
  RoomDirectory,
};

// Every slot has its props, and nothing else: a compile error here means SlotName and
// ChatPartProps have drifted apart.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const slotsMatchParts: Exact<SlotName, keyof ChatPartProps> = true;
void slotsMatchParts;
