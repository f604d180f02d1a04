import { stringsOf } from './i18n/catalog';
import { english } from './i18n/english';

/**
 * Every string the components show. Confab has them in English (the default) and, loaded on
 * demand by `<Chat locale>`, in Spanish, German, French, Brazilian Portuguese, Japanese and Arabic.
 * Override any of them through `<Chat strings={{ send: 'Enviar' }}>` (or `ChatUIProvider`);
 * functions receive counts and names so each language can form its own plurals.
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
  jumpToLatest: string;
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
  /** The tooltip of a quote: pressing it shows the quoted message. */
  jumpToQuoted: string;
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
  /** The spoken name of the "+N" button that shows the people summed up in it. */
  showMorePeople: (count: number) => string;
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
  /** The accessible name of a message's link preview card. */
  linkPreview: string;
  /** The sender's button that takes a link preview off their message. */
  removeLinkPreview: string;

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
  /** The button under a crowd's loaded members that loads the next page of them. */
  showMoreMembers: string;
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
  /** The script-tag widget's launcher, when its panel is closed. */
  openChat: string;
  /** The widget's launcher and close button, when its panel is open. */
  closeChat: string;
  /** The widget panel's title. */
  chatTitle: string;
  // Reading state and pinned messages (issue #13).
  /** The message action that makes it and everything after it unread again. */
  markUnread: string;
  /** One's own message reached a device of every other member (two ticks). */
  delivered: string;
  /** In groups: how many of the others read one's message. */
  readByCount: (count: number, total: number) => string;
  pin: string;
  unpin: string;
  /** On a pinned message. */
  pinned: string;
  /** The room header's button: the number of pinned messages. */
  pinnedCount: (count: number) => string;
  pinnedMessages: string;
  noPinnedMessages: string;
  pinnedBy: (name: string) => string;
  jumpToMessage: string;
  /** The room header's bell button and the panel it opens (a room's own notification settings). */
  notificationSettings: string;
  /** The checkbox that mutes a room for oneself. */
  muteRoom: string;
  /** Said of a muted room in the room list (to screen readers, beside its muted icon). */
  mutedRoom: string;
  /** The legend of the notification level choices. */
  notifyAbout: string;
  notifyAll: string;
  notifyMentions: string;
  notifyNone: string;
  /** The button that asks the browser for permission to notify (only from a click). */
  turnOnNotifications: string;
  /** Shown instead when the browser refuses notifications. */
  notificationsBlocked: string;
  /** Shown when the browser shows notifications. */
  notificationsOn: string;
  /** A notification's title for a group room's message: author and room. */
  notificationInRoom: (author: string, room: string) => string;
  /** The search dialog's title. */
  search: string;
  /** The search box's label and placeholder. */
  searchMessages: string;
  searchThisRoom: string;
  searchAllRooms: string;
  /** The room list's search button (Ctrl+K). */
  searchEverywhere: string;
  /** The room header's search button. */
  searchInRoom: (roomName: string) => string;
  /** Before anything is typed. */
  searchHint: string;
  /** Typed, but no letter or digit to search for. */
  searchNeedsWords: string;
  searching: string;
  searchNoResults: (query: string) => string;
  searchFailed: string;
  searchMore: string;
  /** A streamed answer (a bot's) that has no text yet. */
  streamingThinking: string;
  /** A streamed answer that is still being written. */
  streamingGenerating: string;
  /** The button that stops a streamed answer, for the person who asked (and room admins). */
  stopStreaming: string;
  /** Under a streamed answer that was stopped before it ended. */
  streamingStopped: string;
  // Moderation (issue #13).
  /** The message action and the profile card's button that open the report form. */
  report: string;
  reportMessageTitle: string;
  reportPersonTitle: (name: string) => string;
  reportReasonLabel: string;
  reasonSpam: string;
  reasonHarassment: string;
  reasonInappropriate: string;
  reasonOther: string;
  reportNote: string;
  sendReport: string;
  reportSent: string;
  /** The members panel's actions on a member (they open a form). */
  muteMember: string;
  banMember: string;
  unmuteMember: string;
  muteTitle: (name: string) => string;
  banTitle: (name: string) => string;
  muteExplanation: string;
  banExplanation: string;
  durationLabel: string;
  duration10Minutes: string;
  duration1Hour: string;
  duration1Day: string;
  durationForGood: string;
  moderationReason: string;
  mute: string;
  ban: string;
  /** Beside a muted member's name. */
  mutedBadge: string;
  /** In place of the composer of a muted person; `time` is written by Intl. */
  mutedUntil: (time: string) => string;
  mutedForGood: string;
  /** On a send the flood limit holds back, counting down. */
  sendingTooFast: (seconds: number) => string;
  moderation: string;
  openReports: (count: number) => string;
  noOpenReports: string;
  /** `reason` is one of the reason texts above. */
  reportedBy: (reporter: string, reason: string) => string;
  reportAbout: (name: string) => string;
  dismissReport: string;
  deleteReportedMessage: string;
  muteAuthor: string;
  banAuthor: string;
  /** Notices in the room; `duration` is written by Intl ("10 minutes"), null for good. */
  noticeMuted: (target: string, actor: string, duration: string | null) => string;
  noticeUnmuted: (target: string, actor: string) => string;
  noticeBanned: (target: string, actor: string, duration: string | null) => string;
  noticeUnbanned: (target: string, actor: string) => string;
  /** The queue's list of bans, each until a time written by Intl, with a way to lift it. */
  bannedPeople: string;
  bannedUntil: (time: string) => string;
  unban: string;
  noBans: string;

  // Rooms and people
  /** The accessible name of a person's profile card, and of the avatar or name that opens it. */
  profileOf: (name: string) => string;
  /** The heading of a person's custom fields on their profile card. */
  profileDetails: string;
  /** The profile card's button that opens the direct conversation. */
  sendDirectMessage: string;
  blockPerson: string;
  unblockPerson: string;
  /** The message toolbar's Block button, naming the author. */
  blockNamed: (name: string) => string;
  /** The message toolbar's Block button once pressed: its short question. */
  confirmBlockShort: string;
  /** The second press of Block: what blocking does. */
  confirmBlock: (name: string) => string;
  /** On the card of someone the reader blocks. */
  blockedNotice: string;
  /** The dialog (and the button opening it) listing whom the reader blocks. */
  blockedPeople: string;
  noBlockedPeople: string;
  /** The room list's button that opens the public room directory. */
  browseRooms: string;
  browseRoomsTitle: string;
  filterPublicRooms: string;
  noPublicRooms: string;
  joinRoom: string;
  /** A directory room the reader is in already. */
  openRoom: string;
  loadMoreRooms: string;
  /** The room list's list of invitations waiting for an answer. */
  invitations: string;
  /** One invitation: who invited the reader to which room. */
  invitedYou: (name: string, roomName: string) => string;
  acceptInvitation: string;
  declineInvitation: string;
  /** The badge of someone invited who has not answered, in the members panel. */
  invitedRole: string;
  /** The admin's button that takes back someone's invitation. */
  withdrawInvitation: (name: string) => string;

  // Slash commands and polls (issue #14)
  /** The accessible name of the list of slash commands after `/`. */
  commandSuggestions: string;
  /** What each built-in command does, shown in the suggestions. */
  commandMe: string;
  commandShrug: string;
  commandPoll: string;
  commandTopic: string;
  commandInvite: string;
  commandLeave: string;
  commandMute: string;
  commandUnmute: string;
  /** The composer's button and the dialog's title. */
  createPoll: string;
  pollQuestion: string;
  /** The label of the nth option field (1-based). */
  pollOption: (position: number) => string;
  addPollOption: string;
  removePollOption: (position: number) => string;
  pollMultiple: string;
  pollAnonymous: string;
  /** Votes for one option. */
  pollVotes: (count: number) => string;
  /** People who voted in the poll. */
  pollVoters: (count: number) => string;
  pollClosed: string;
  closePoll: string;
  /** Says that nobody sees who voted. */
  pollAnonymousNote: string;
  pollChooseOne: string;
  pollChooseSeveral: string;
  pollVotedBy: (names: readonly string[]) => string;
  /** The accessible name of the room header's topic. */
  roomTopic: string;
}

/**
 * The English texts, with numbers as the runtime's locale writes them. Under `<Chat locale>` (or
 * `ChatUIProvider`) the components use that locale's dictionary instead; see `loadChatStrings`.
 */
export const defaultStrings: ChatStrings = stringsOf(english, undefined);
