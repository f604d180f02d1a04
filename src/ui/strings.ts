/**
 * Every string the components show, with English defaults. Override any of them through
 * `<Chat strings={{ send: 'Enviar' }}>` (or `ChatUIProvider`); functions receive counts and
 * names so each language can form its own plurals.
 *
 * @example
 * const pt: Partial<ChatStrings> = { send: 'Enviar', typing: (names) => `${names[0]} está digitando…` };
 */
export interface ChatStrings {
  rooms: string;
  filterRooms: string;
  noRooms: string;
  noRoomsMatch: (filter: string) => string;
  createRoom: string;
  createRoomTitle: string;
  roomName: string;
  publicRoom: string;
  privateRoom: string;
  create: string;
  cancel: string;
  startDirectMessage: string;
  startDirectMessageTitle: string;
  searchPeople: string;
  noPeopleMatch: string;
  directMessage: string;
  unreadCount: (count: number) => string;
  members: (count: number) => string;
  memberList: string;
  online: string;
  offline: string;
  lastSeen: (when: string) => string;
  selectRoom: string;

  messageList: string;
  emptyRoom: string;
  loadingOlder: string;
  loadOlder: string;
  beginningOfRoom: (roomName: string) => string;
  gap: (count: number) => string;
  loadGap: string;
  newMessages: (count: number) => string;
  unreadSeparator: string;
  jumpToUnread: string;
  today: string;
  yesterday: string;
  edited: string;
  messageDeleted: string;
  sending: string;
  sent: string;
  read: string;
  failed: string;
  retry: string;
  discard: string;
  seenBy: (names: readonly string[]) => string;
  reactedBy: (names: readonly string[], emoji: string) => string;
  addReaction: string;
  replyInThread: string;
  replies: (count: number) => string;
  quote: string;
  edit: string;
  delete: string;
  copy: string;
  copied: string;
  messageActions: string;
  quotedMessageMissing: string;
  attachment: string;
  openImage: (name: string) => string;
  closeImage: string;
  download: (name: string) => string;
  /** A quick reaction button's label. */
  reactWith: (emoji: string) => string;
  /** The second press of Delete, so a slip of the hand deletes nothing. */
  confirmDelete: string;
  /** What the message log announces to screen readers when someone else's message arrives. */
  newMessageFrom: (author: string, text: string) => string;
  /** More people than the avatars shown ("+3"). */
  moreCount: (count: number) => string;
  loading: string;

  composerPlaceholder: (roomName: string) => string;
  send: string;
  save: string;
  editingMessage: string;
  quotingMessage: (author: string) => string;
  bytesLeft: (left: number) => string;
  tooLong: (bytes: number, limit: number) => string;
  attachFiles: string;
  removeAttachment: (name: string) => string;
  uploading: (name: string, percent: number) => string;
  uploadFailed: (name: string) => string;
  emoji: string;
  emojiLoading: string;
  mentionSuggestions: string;
  emojiSuggestions: string;
  dropFilesHere: string;
  emojiFailed: string;
  cancelEditing: string;
  cancelQuote: string;
  waitingForUploads: string;

  typing: (names: readonly string[]) => string;
  thread: string;
  closeThread: string;
  threadReplies: (count: number) => string;
  connection: (state: 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed') => string;
  reconnectingIn: (seconds: number) => string;
  someone: string;
  /** The author of a deleted person's old messages. */
  deletedUser: string;
  /** The accessible name of a notice the server sent (an announcement). */
  announcement: string;

  /** The back button of the narrow layout. */
  back: string;
  /** The signed-in user, in previews ("You: …"). */
  you: string;
  /** A room list's preview of the last message, with its author. */
  lastMessagePreview: (author: string, text: string) => string;
  /** The signed-in user in a member list. */
  meSuffix: (name: string) => string;
  roomVisibility: string;
  creating: string;
  people: string;

  /** The members panel's title; its name with the room's. */
  membersOf: (roomName: string) => string;
  /** The role badge of an admin in the members panel. */
  adminRole: string;
  addPeople: string;
  addPeopleTitle: (roomName: string) => string;
  /** The add-people picker when everyone the client knows is in the room already. */
  nobodyToAdd: string;
  /** Said (politely, to screen readers too) once someone has been added. */
  memberAdded: (name: string) => string;
  done: string;
  /** The button that shows what can be done to one member. */
  memberActions: (name: string) => string;
  makeAdmin: string;
  removeAdmin: string;
  removeMember: string;
  /** The second press of Remove. */
  confirmRemoveMember: (name: string) => string;
  renameRoom: string;
  renameRoomTitle: string;
  leaveRoom: string;
  /** The second press of Leave. */
  confirmLeaveRoom: string;
  deleteRoom: string;
  /** The second press of Delete room. */
  confirmDeleteRoom: string;
  saving: string;
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (typeof Intl.ListFormat === 'function') return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** The English defaults. */
export const defaultStrings: ChatStrings = {
  rooms: 'Rooms',
  filterRooms: 'Filter rooms',
  noRooms: 'No rooms yet.',
  noRoomsMatch: (filter) => `No rooms match “${filter}”.`,
  createRoom: 'New room',
  createRoomTitle: 'Create a room',
  roomName: 'Room name',
  publicRoom: 'Public: anyone can join',
  privateRoom: 'Private: members only',
  create: 'Create',
  cancel: 'Cancel',
  startDirectMessage: 'New message',
  startDirectMessageTitle: 'Message someone',
  searchPeople: 'Search people',
  noPeopleMatch: 'Nobody matches.',
  directMessage: 'Direct message',
  unreadCount: (count) => plural(count, 'unread message', 'unread messages'),
  members: (count) => plural(count, 'member', 'members'),
  memberList: 'Members',
  online: 'Online',
  offline: 'Offline',
  lastSeen: (when) => `Last seen ${when}`,
  selectRoom: 'Pick a room to start chatting.',

  messageList: 'Messages',
  emptyRoom: 'No messages yet. Say hello!',
  loadingOlder: 'Loading older messages…',
  loadOlder: 'Load older messages',
  beginningOfRoom: (roomName) => `This is the beginning of ${roomName}.`,
  gap: (count) => `${plural(count, 'message', 'messages')} not loaded`,
  loadGap: 'Load them',
  newMessages: (count) => plural(count, 'new message', 'new messages'),
  unreadSeparator: 'New',
  jumpToUnread: 'Jump to first unread',
  today: 'Today',
  yesterday: 'Yesterday',
  edited: '(edited)',
  messageDeleted: 'This message was deleted.',
  sending: 'Sending…',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent.',
  retry: 'Retry',
  discard: 'Discard',
  seenBy: (names) => `Seen by ${list(names)}`,
  reactedBy: (names, emoji) => `${list(names)} reacted with ${emoji}`,
  addReaction: 'Add reaction',
  replyInThread: 'Reply in thread',
  replies: (count) => plural(count, 'reply', 'replies'),
  quote: 'Quote',
  edit: 'Edit',
  delete: 'Delete',
  copy: 'Copy text',
  copied: 'Copied',
  messageActions: 'Message actions',
  quotedMessageMissing: 'Original message not loaded',
  attachment: 'Attachment',
  openImage: (name) => `Open image ${name}`,
  closeImage: 'Close image',
  download: (name) => `Download ${name}`,
  reactWith: (emoji) => `React with ${emoji}`,
  confirmDelete: 'Delete for everyone?',
  newMessageFrom: (author, text) => `${author}: ${text}`,
  moreCount: (count) => `+${count.toLocaleString('en')}`,
  loading: 'Loading…',

  composerPlaceholder: (roomName) => `Message ${roomName}`,
  send: 'Send',
  save: 'Save',
  editingMessage: 'Editing message',
  quotingMessage: (author) => `Quoting ${author}`,
  bytesLeft: (left) => plural(left, 'byte left', 'bytes left'),
  tooLong: (bytes, limit) => `Too long: ${bytes.toLocaleString('en')} of ${limit.toLocaleString('en')} bytes. Shorten it to send.`,
  attachFiles: 'Attach files',
  removeAttachment: (name) => `Remove ${name}`,
  uploading: (name, percent) => `Uploading ${name}: ${percent}%`,
  uploadFailed: (name) => `Could not upload ${name}.`,
  emoji: 'Emoji',
  emojiLoading: 'Loading emoji…',
  mentionSuggestions: 'People to mention',
  emojiSuggestions: 'Emoji',
  dropFilesHere: 'Drop files to attach',
  emojiFailed: 'Could not load emoji.',
  cancelEditing: 'Cancel editing',
  cancelQuote: 'Cancel quote',
  waitingForUploads: 'Wait for the uploads to finish, then send.',

  typing: (names) => {
    if (names.length === 0) return '';
    if (names.length === 1) return `${names[0]} is typing…`;
    if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
    return 'Several people are typing…';
  },
  thread: 'Thread',
  closeThread: 'Close thread',
  threadReplies: (count) => plural(count, 'reply', 'replies'),
  connection: (state) =>
    ({ connecting: 'Connecting…', online: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline: messages will send when you reconnect.', closed: 'Disconnected' })[state],
  reconnectingIn: (seconds) => `Reconnecting in ${seconds} s…`,
  someone: 'Someone',
  deletedUser: 'Deleted user',
  announcement: 'Announcement',

  back: 'Back',
  you: 'You',
  lastMessagePreview: (author, text) => `${author}: ${text}`,
  meSuffix: (name) => `${name} (you)`,
  roomVisibility: 'Who can join',
  creating: 'Creating…',
  people: 'People',

  membersOf: (roomName) => `Members of ${roomName}`,
  adminRole: 'Admin',
  addPeople: 'Add people',
  addPeopleTitle: (roomName) => `Add people to ${roomName}`,
  nobodyToAdd: 'Everyone you know is in this room already.',
  memberAdded: (name) => `${name} was added.`,
  done: 'Done',
  memberActions: (name) => `Actions for ${name}`,
  makeAdmin: 'Make admin',
  removeAdmin: 'Remove admin role',
  removeMember: 'Remove from room',
  confirmRemoveMember: (name) => `Remove ${name}?`,
  renameRoom: 'Rename room',
  renameRoomTitle: 'Rename this room',
  leaveRoom: 'Leave room',
  confirmLeaveRoom: 'Leave this room?',
  deleteRoom: 'Delete room',
  confirmDeleteRoom: 'Delete it for everyone?',
  saving: 'Saving…',
};
