import type {
  ChatError,
  CommandOf,
  CommandType,
  CustomData,
  Message,
  MessageSearchPage,
  PollInput,
  ResultOf,
  RoomSearchPage,
  UserSearchPage,
  Role,
  Room,
  RoomSettings,
  SequenceRange,
  ServerEvent,
  User,
} from '../protocol';
import { DefaultChatClient } from './defaultChatClient';
import type { PublicRoomsQuery } from './roomActions';
import type { SendMessageInput } from './messageActions';
import type { Moderation } from './moderation';
import type { OutboxStorage } from './outbox';
import type { RoomSettingsPatch } from './roomSettings';
import type { SlashInvocation, SlashOutcome } from './slashCommands';
import type { ReadonlyChatStore } from './store';
import type { Transport } from './transport';

// The inputs of room and message commands live with the commands; they are part of this contract.
export type { PublicRoomsQuery } from './roomActions';
export type { SendMessageInput } from './messageActions';

/**
 * Options of {@link createChatClient}.
 *
 * @example
 * const client = createChatClient({ transport, typingThrottleMs: 3000, onError: console.warn });
 */
export interface ChatClientOptions {
  transport: Transport;
  /** Where unsent messages wait. Default: in memory. */
  outbox?: OutboxStorage;
  /** The clock, for typing expiry and pending timestamps. Default `Date.now`. */
  now?: () => number;
  /** At most one typing notice per room this often, in ms. Default 2000 (notices last 5000). */
  typingThrottleMs?: number;
  /** Messages per history page. Default 50. */
  pageSize?: number;
  /** Makes idempotency keys for sends. Default: 128 random bits. */
  createClientId?: () => string;
  /** Failures of background work (resume, outbox, read cursors) that no caller awaits. */
  onError?: (error: ChatError) => void;
  /** At most one delivery report (`cursor.delivered`) per room this often, in ms. Default 1000. */
  deliveryThrottleMs?: number;
}

/**
 * A framework-free chat client: commands go out through the transport, server events fold into
 * `store`, and anything (React hooks, another framework, a test) reads the store.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 * await client.loadOlder('general');
 * await client.sendMessage('general', { text: 'Hello' });
 * client.store.getState().timelines;
 */
export interface ChatClient {
  /** Everything the client knows; read-only (only the client writes to it). */
  readonly store: ReadonlyChatStore;
  /** Opens the transport; resolves when the first session is open. */
  connect(): Promise<void>;
  /** Closes the transport and stops every timer. */
  close(): void;

  /** Sends optimistically: the message shows as `sending` at once and resolves with the server's copy. */
  sendMessage(roomId: string, input: SendMessageInput): Promise<Message>;
  /** Sends a failed message again with the same client id. */
  retrySend(clientId: string): Promise<Message>;
  /** Drops a pending or failed message that was not confirmed. */
  discardPending(clientId: string): void;
  editMessage(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message>;
  deleteMessage(roomId: string, messageId: string): Promise<Message>;
  toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message>;
  /** Stops a streamed message being written (for the person who asked for it, or a room admin). */
  stopStreaming(roomId: string, messageId: string): Promise<Message>;
  /** Moves the signed-in user's read cursor forward to `sequence` (default: the room's newest). */
  markRead(roomId: string, sequence?: number): Promise<void>;
  /**
   * Moves the signed-in user's read cursor back to just before this message: it and everything
   * after it are unread again (on every device of theirs), and the cursor is flagged `markedUnread`
   * until they read on.
   */
  markUnread(roomId: string, messageId: string): Promise<void>;
  /** Pins a message in a room (room admins; either person of a direct room). */
  pinMessage(roomId: string, messageId: string): Promise<Message>;
  unpinMessage(roomId: string, messageId: string): Promise<Message>;
  /** The room's pinned messages, newest pin first. */
  listPinnedMessages(roomId: string): Promise<Message[]>;
  /** Tells the room the user is typing; throttled, so call it on every keystroke. */
  notifyTyping(roomId: string): void;
  stopTyping(roomId: string): void;

  /** Loads the page before the oldest held message (the newest page when none is held). */
  loadOlder(roomId: string): Promise<void>;
  /** Loads the page after the newest held message. */
  loadNewer(roomId: string): Promise<void>;
  /** Loads one page into a gap (the oldest gap by default). */
  fillGap(roomId: string, gap?: SequenceRange): Promise<void>;
  /** Loads the pages before and from `sequence` (e.g. the first unread), to open a room there. */
  loadAround(roomId: string, sequence: number): Promise<void>;
  /**
   * Takes the reader to a message: loads the pages around it if needed and asks the list to
   * scroll there and mark it (`state.focus`); `<Chat>` opens its room. `sequence` is a hint.
   */
  jumpToMessage(roomId: string, messageId: string, sequence?: number): Promise<void>;
  /** Lets the focus request with this token go (the list calls it once it has scrolled). */
  clearFocus(token: number): void;
  /** Loads a thread's newest replies, or the page before those held. */
  loadThread(roomId: string, parentId: string): Promise<void>;

  createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room>;
  updateRoom(roomId: string, patch: { name?: string; customData?: CustomData; topic?: string }): Promise<Room>;
  deleteRoom(roomId: string): Promise<void>;
  joinRoom(roomId: string): Promise<Room>;
  leaveRoom(roomId: string): Promise<void>;
  addMembers(roomId: string, userIds: string[]): Promise<Room>;
  removeMembers(roomId: string, userIds: string[]): Promise<Room>;
  setRole(roomId: string, userId: string, role: Role): Promise<Room>;
  /**
   * A page of public rooms by id (at most 100; see {@link PublicRoomsQuery}); fewer than `limit`
   * means it was the last.
   */
  listPublicRooms(query?: PublicRoomsQuery): Promise<Room[]>;
  /** Accepts an invitation to a room: the user joins it. */
  acceptInvitation(roomId: string): Promise<Room>;
  /** Declines an invitation to a room. */
  declineInvitation(roomId: string): Promise<void>;
  /** Takes back someone's pending invitation to a room (the inviter, or an admin). */
  withdrawInvitation(roomId: string, userId: string): Promise<Room>;
  /**
   * Loads the next page of a crowd's members (the first when none is loaded) into
   * `memberPages`, their profiles into `users`. A crowd's view lists only its admins (its
   * `memberCount` says how many there are); a small room's view lists everyone and needs no call.
   */
  loadMembers(roomId: string): Promise<void>;
  /** Finds or creates the direct room with one person. */
  openDirectRoom(userId: string): Promise<Room>;

  /** Finds messages by their words, newest first, in one room or every room of the user (`before`: the `next` of the page before). */
  searchMessages(query: string, options?: { roomId?: string; before?: string; limit?: number }): Promise<MessageSearchPage>;
  /** Finds people by part of their name or id (`after`: the `next` of the page before). */
  searchPeople(query: string, options?: { after?: string; limit?: number }): Promise<UserSearchPage>;
  /** Finds public rooms by part of their name (`after`: the `next` of the page before). */
  searchPublicRooms(query: string, options?: { after?: string; limit?: number }): Promise<RoomSearchPage>;

  blockUser(userId: string): Promise<void>;
  unblockUser(userId: string): Promise<void>;
  updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User>;
  getUsers(userIds: string[]): Promise<User[]>;

  /** Mutes, bans and reports (issue #13); the server decides who may. */
  readonly moderation: Moderation;
  /** Sets the signed-in person's own settings of a room (muted, notification level); shown at once, confirmed by the server. */
  setRoomSettings(roomId: string, patch: RoomSettingsPatch): Promise<RoomSettings>;
  /**
   * Calls `listener` with every server event after it is folded into the store (e.g. to notify of
   * new messages); answers the function that stops it.
   */
  subscribeEvents(listener: (event: ServerEvent) => void): () => void;

  /** Sends any command as is; the escape hatch for what has no method yet. */
  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>>;

  // Slash commands and polls (issue #14)
  /** Runs a slash command in a room (a built-in here, a bot's on the server); refuses unknown names and sends nothing then. */
  runCommand(roomId: string, invocation: SlashInvocation): Promise<SlashOutcome>;
  /** Creates a poll (checked first: 2–10 distinct options); resolves with its message. */
  createPoll(roomId: string, input: PollInput): Promise<Message>;
  /** Sets one's vote in a poll ([] takes it back); the counts and one's own vote update at once. */
  votePoll(roomId: string, messageId: string, optionIds: readonly string[]): Promise<Message>;
  /** Closes a poll (its author or a room admin). */
  closePoll(roomId: string, messageId: string): Promise<Message>;
  /** One's own vote in a poll, asked of the server once and then kept in `ownPollVotes`. */
  loadOwnPollVote(roomId: string, messageId: string): Promise<readonly string[]>;
}

/**
 * Creates a chat client over a transport.
 *
 * @example
 * const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
 * await client.connect();
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new DefaultChatClient(options);
}
