import type { ComponentType } from 'react';
import { Avatar, PresenceBadge, type AvatarProps, type PresenceBadgeProps } from './Avatar';
import { Chat, type ChatProps } from './Chat';
import { Composer, type ComposerProps } from './Composer';
import { ConnectionBanner, type ConnectionBannerProps } from './ConnectionBanner';
import { CreateRoomDialog, type CreateRoomDialogProps } from './CreateRoomDialog';
import { DirectMessageDialog, type DirectMessageDialogProps } from './DirectMessageDialog';
import { EmojiPicker, type EmojiPickerProps } from './EmojiPicker';
import { RoomHeader, type RoomHeaderProps } from './RoomHeader';
import { RoomList, RoomListItem, type RoomListItemProps, type RoomListProps } from './RoomList';
import { ThreadPanel, type ThreadPanelProps } from './ThreadPanel';
import type { SlotName } from './config';

/**
 * The props of each replaceable part, by slot name.
 *
 * @example
 * const props: ChatPartProps['Avatar'] = { userId: 'ana', size: 'sm' };
 */
export interface ChatPartProps {
  Chat: ChatProps;
  RoomList: RoomListProps;
  RoomListItem: RoomListItemProps;
  RoomHeader: RoomHeaderProps;
  ThreadPanel: ThreadPanelProps;
  Avatar: AvatarProps;
  PresenceBadge: PresenceBadgeProps;
  CreateRoomDialog: CreateRoomDialogProps;
  DirectMessageDialog: DirectMessageDialogProps;
  ConnectionBanner: ConnectionBannerProps;
  Composer: ComposerProps;
  EmojiPicker: EmojiPickerProps;
}

/**
 * The typed map of replaceable parts: pass any of them in `<Chat components={…}>` (or
 * `ChatUIProvider`) and that part is used everywhere it appears. A replacement receives the same
 * props as the default, which is exported under the same name, so it can wrap it.
 *
 * @example
 * import { Avatar, type ChatComponents } from 'confab/ui';
 *
 * const components: Partial<ChatComponents> = {
 *   Avatar: (props) => <span className="ring"><Avatar {...props} /></span>,
 * };
 * <Chat components={components} />
 */
export type ChatComponents = { [K in keyof ChatPartProps]: ComponentType<ChatPartProps[K]> };

/**
 * The default part for every slot.
 *
 * @example
 * const DefaultAvatar = defaultComponents.Avatar;
 */
export const defaultComponents: ChatComponents = {
  Chat,
  RoomList,
  RoomListItem,
  RoomHeader,
  ThreadPanel,
  Avatar,
  PresenceBadge,
  CreateRoomDialog,
  DirectMessageDialog,
  ConnectionBanner,
  Composer,
  EmojiPicker,
};

/** Slots with no entry in ChatPartProps yet (parts still to land); `never` once every part is in. */
export type MissingParts = Exclude<SlotName, keyof ChatPartProps>;
