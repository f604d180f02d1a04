import {
  ChatError,
  type CommandOf,
  type CommandType,
  type CustomData,
  type Message,
  type MessageSearchPage,
  type PollInput,
  type ResultOf,
  type Role,
  type Room,
  type RoomSearchPage,
  type RoomSettings,
  type SequenceRange,
  type ServerEvent,
  type User,
  type UserSearchPage,
} from '../protocol';
import type { ChatClient, ChatClientOptions } from './client';
import { updateState, type ClientContext } from './clientContext';
import { DeliveryReports } from './deliveryReports';
import { HistoryLoader } from './historyLoader';
import { clearFocus, jumpToMessage } from './jumpToMessage';
import { loadAround } from './loadAround';
import { MemberPages } from './memberPages';
import { MessageActions, type SendMessageInput } from './messageActions';
import { createModeration, type Moderation } from './moderation';
import { createMemoryOutbox, type OutboxStorage } from './outbox';
import { PeopleActions } from './peopleActions';
import { PollActions } from './polls';
import { ReadCursors } from './readCursors';
import { RoomActions, type PublicRoomsQuery } from './roomActions';
import { setRoomSettings, type RoomSettingsPatch } from './roomSettings';
import { SendQueue } from './sendQueue';
import { ServerFeed } from './serverFeed';
import { runSlashCommand, type SlashInvocation, type SlashOutcome } from './slashCommands';
import { createChatStore, readonlyStore, type ChatStore, type ReadonlyChatStore } from './store';
import { StreamedMessages } from './streamedMessages';
import type { ConnectionStatus, Transport } from './transport';
import { TypingNotices } from './typingNotices';

/** The default idempotency key of a send: 128 random bits, so two devices never pick the same. */
function randomClientId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `c_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The ChatClient behind {@link createChatClient}: it owns the connection (open, status, close)
 * and wires its parts together over one context; every command is delegated to the part that
 * holds its concept (the send queue, history loader, read cursors, typing notices, message, room
 * and people actions, the server feed, …), each in its own file.
 */
export class DefaultChatClient implements ChatClient {
  private readonly writableStore: ChatStore = createChatStore();
  readonly store: ReadonlyChatStore = readonlyStore(this.writableStore);
  private readonly transport: Transport;
  private readonly outbox: OutboxStorage;
  private readonly createClientId: () => string;
  private readonly sends: SendQueue;
  private readonly history: HistoryLoader;
  private readonly reads: ReadCursors;
  private readonly deliveries: DeliveryReports;
  private readonly typing: TypingNotices;
  private readonly members: MemberPages;
  private readonly streamed: StreamedMessages;
  private readonly feed: ServerFeed;
  private readonly messages: MessageActions;
  private readonly rooms: RoomActions;
  private readonly people: PeopleActions;
  readonly moderation: Moderation;
  private readonly polls: PollActions;
  private online = false;
  private closed = false;
  private sessions = 0;
  private connecting: Promise<void> | null = null;
  private readonly context: ClientContext;

  constructor(options: ChatClientOptions) {
    this.transport = options.transport;
    this.outbox = options.outbox ?? createMemoryOutbox();
    this.createClientId = options.createClientId ?? randomClientId;
    const context: ClientContext = {
      transport: this.transport,
      store: this.writableStore,
      now: options.now ?? Date.now,
      reportError: options.onError ?? (() => {}),
      isOnline: () => this.online,
      isClosed: () => this.closed,
      sessionCount: () => this.sessions,
    };
    this.context = context;
    this.sends = new SendQueue(context, this.outbox);
    this.history = new HistoryLoader(
      context,
      options.pageSize ?? 50,
      (message) => this.sends.confirmed(message),
      (roomId) => this.feed.reloadRoom(roomId),
    );
    this.reads = new ReadCursors(context);
    this.deliveries = new DeliveryReports(context, options.deliveryThrottleMs ?? 1000);
    this.typing = new TypingNotices(context, options.typingThrottleMs ?? 2000);
    this.members = new MemberPages(context);
    this.streamed = new StreamedMessages(context);
    this.feed = new ServerFeed(context, { sends: this.sends, history: this.history, reads: this.reads, deliveries: this.deliveries, typing: this.typing, streamed: this.streamed });
    this.messages = new MessageActions(context, { sends: this.sends, typing: this.typing, createClientId: () => this.createClientId() });
    this.rooms = new RoomActions(context, this.members);
    this.people = new PeopleActions(context, this.history);
    this.moderation = createModeration(context);
    this.polls = new PollActions(context, this.createClientId);
  }

  connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      this.sends.restore(await this.outbox.load());
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        this.transport.open({
          onSession: (snapshot) => {
            this.online = true;
            this.sessions += 1;
            this.feed.session(snapshot);
            if (!settled) {
              settled = true;
              resolve();
            }
          },
          onEvent: (event) => this.feed.event(event),
          onStatus: (status) => {
            this.handleStatus(status);
            if (!settled && (status.state === 'closed' || status.state === 'offline')) {
              settled = true;
              const error = status.error ? ChatError.fromPayload(status.error) : new ChatError('unavailable', status.reason ?? 'Could not connect.');
              reject(error);
            }
          },
        });
      });
    })();
    return this.connecting;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.online = false;
    this.transport.close();
    this.sends.stop();
    this.typing.stopTimers();
    this.deliveries.stopTimers();
  }

  private handleStatus(status: ConnectionStatus): void {
    this.online = status.state === 'online';
    updateState(this.writableStore, () => ({ connection: status }));
  }

  subscribeEvents(listener: (event: ServerEvent) => void): () => void {
    return this.feed.subscribe(listener);
  }

  setRoomSettings(roomId: string, patch: RoomSettingsPatch): Promise<RoomSettings> {
    return setRoomSettings(this.context, roomId, patch);
  }

  request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
    return this.transport.request(command);
  }

  sendMessage(roomId: string, input: SendMessageInput): Promise<Message> {
    return this.messages.send(roomId, input);
  }

  retrySend(clientId: string): Promise<Message> {
    return this.sends.retry(clientId);
  }

  discardPending(clientId: string): void {
    this.sends.discard(clientId);
  }

  editMessage(roomId: string, messageId: string, input: { text: string; mentions?: string[]; customData?: CustomData }): Promise<Message> {
    return this.messages.edit(roomId, messageId, input);
  }

  deleteMessage(roomId: string, messageId: string): Promise<Message> {
    return this.messages.delete(roomId, messageId);
  }

  toggleReaction(roomId: string, messageId: string, emoji: string): Promise<Message> {
    return this.messages.toggleReaction(roomId, messageId, emoji);
  }

  stopStreaming(roomId: string, messageId: string): Promise<Message> {
    return this.messages.stopStreaming(roomId, messageId);
  }

  pinMessage(roomId: string, messageId: string): Promise<Message> {
    return this.messages.pin(roomId, messageId);
  }

  unpinMessage(roomId: string, messageId: string): Promise<Message> {
    return this.messages.unpin(roomId, messageId);
  }

  listPinnedMessages(roomId: string): Promise<Message[]> {
    return this.messages.listPinned(roomId);
  }

  searchMessages(query: string, options?: { roomId?: string; before?: string; limit?: number }): Promise<MessageSearchPage> {
    return this.messages.search(query, options);
  }

  markRead(roomId: string, sequence?: number): Promise<void> {
    return this.reads.markRead(roomId, sequence);
  }

  markUnread(roomId: string, messageId: string): Promise<void> {
    return this.reads.markUnread(roomId, messageId);
  }

  notifyTyping(roomId: string): void {
    this.typing.notify(roomId);
  }

  stopTyping(roomId: string): void {
    this.typing.stop(roomId);
  }

  loadOlder(roomId: string): Promise<void> {
    return this.history.loadOlder(roomId);
  }

  loadNewer(roomId: string): Promise<void> {
    return this.history.loadNewer(roomId);
  }

  fillGap(roomId: string, gap?: SequenceRange): Promise<void> {
    return this.history.fillGap(roomId, gap);
  }

  loadAround(roomId: string, sequence: number): Promise<void> {
    // Under the key of loadOlder: a first-page load asked at the same time joins this one.
    const host = { store: this.writableStore, pageSize: this.history.pageSize, request: this.transport.request.bind(this.transport), fold: this.history.foldPage.bind(this.history) };
    return this.history.run(`older:${roomId}`, roomId, () => loadAround(host, roomId, sequence));
  }

  async jumpToMessage(roomId: string, messageId: string, sequence?: number): Promise<void> {
    const host = { store: this.writableStore, request: this.transport.request.bind(this.transport), loadAround: (room: string, at: number) => this.loadAround(room, at) };
    await jumpToMessage(host, roomId, messageId, sequence);
  }

  clearFocus(token: number): void {
    clearFocus(this.writableStore, token);
  }

  loadThread(roomId: string, parentId: string): Promise<void> {
    return this.history.loadThread(roomId, parentId);
  }

  createRoom(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room> {
    return this.rooms.create(input);
  }

  updateRoom(roomId: string, patch: { name?: string; customData?: CustomData; topic?: string }): Promise<Room> {
    return this.rooms.update(roomId, patch);
  }

  deleteRoom(roomId: string): Promise<void> {
    return this.rooms.delete(roomId);
  }

  joinRoom(roomId: string): Promise<Room> {
    return this.rooms.join(roomId);
  }

  leaveRoom(roomId: string): Promise<void> {
    return this.rooms.leave(roomId);
  }

  addMembers(roomId: string, userIds: string[]): Promise<Room> {
    return this.rooms.addMembers(roomId, userIds);
  }

  removeMembers(roomId: string, userIds: string[]): Promise<Room> {
    return this.rooms.removeMembers(roomId, userIds);
  }

  setRole(roomId: string, userId: string, role: Role): Promise<Room> {
    return this.rooms.setRole(roomId, userId, role);
  }

  listPublicRooms(query?: PublicRoomsQuery): Promise<Room[]> {
    return this.rooms.listPublic(query);
  }

  searchPublicRooms(query: string, options?: { after?: string; limit?: number }): Promise<RoomSearchPage> {
    return this.rooms.searchPublic(query, options);
  }

  acceptInvitation(roomId: string): Promise<Room> {
    return this.rooms.acceptInvitation(roomId);
  }

  declineInvitation(roomId: string): Promise<void> {
    return this.rooms.declineInvitation(roomId);
  }

  withdrawInvitation(roomId: string, userId: string): Promise<Room> {
    return this.rooms.withdrawInvitation(roomId, userId);
  }

  openDirectRoom(userId: string): Promise<Room> {
    return this.rooms.openDirect(userId);
  }

  loadMembers(roomId: string): Promise<void> {
    return this.members.loadMore(roomId);
  }

  blockUser(userId: string): Promise<void> {
    return this.people.block(userId);
  }

  unblockUser(userId: string): Promise<void> {
    return this.people.unblock(userId);
  }

  updateProfile(patch: { name?: string; avatarUrl?: string; customData?: CustomData }): Promise<User> {
    return this.people.updateProfile(patch);
  }

  getUsers(userIds: string[]): Promise<User[]> {
    return this.people.getUsers(userIds);
  }

  searchPeople(query: string, options?: { after?: string; limit?: number }): Promise<UserSearchPage> {
    return this.people.search(query, options);
  }

  runCommand(roomId: string, invocation: SlashInvocation): Promise<SlashOutcome> {
    return runSlashCommand(this, roomId, invocation);
  }

  createPoll(roomId: string, input: PollInput): Promise<Message> {
    return this.polls.create(roomId, input);
  }

  votePoll(roomId: string, messageId: string, optionIds: readonly string[]): Promise<Message> {
    return this.polls.vote(roomId, messageId, optionIds);
  }

  closePoll(roomId: string, messageId: string): Promise<Message> {
    return this.polls.close(roomId, messageId);
  }

  loadOwnPollVote(roomId: string, messageId: string): Promise<readonly string[]> {
    return this.polls.ownVote(roomId, messageId);
  }
}
