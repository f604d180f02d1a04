/**
 * The in-memory reference server: a pure state machine over the protocol. It runs in a browser tab
 * (playground, stories, tests) and in Node (behind a socket). No I/O, no DOM, no timers: the clock
 * is injected and `tick()` expires typing notices.
 *
 * Decisions where the contract left a choice (clients may rely on them):
 *
 * - Access: a non-member of a public room gets `forbidden` ("join the room first") for every read
 *   and write; a private or direct room one is not in answers exactly like an unknown room
 *   (`not_found`, the same sentence), for every command, `room.join` included. Server-made ids
 *   carry 128 random bits, so they cannot be enumerated either.
 * - Direct rooms: one per pair, name `''`, both people `member`, no admin. They cannot be left,
 *   joined, renamed, deleted, or have members or roles changed (`forbidden`).
 * - Admins: when the last admin leaves or is removed, the longest-standing member becomes admin;
 *   the first person to join an emptied public room becomes its admin. The last admin cannot
 *   demote themselves (`conflict`). In public rooms any member may add people; removing anyone
 *   but yourself takes an admin in every room.
 * - Room names are trimmed; over `maxRoomNameLength` code points is `too_large`, empty is `invalid`.
 * - Messages: mentions of non-members are refused (`invalid`), never silently dropped; duplicate
 *   mentions collapse. No `room.updated` per message: clients derive `lastSequence` and
 *   `lastActivityAt` from `message.created`. Deleting a reply leaves the parent's `replyCount` as
 *   is (the tombstone keeps its place); replying under a deleted parent is allowed; deleting an
 *   already-deleted message answers the tombstone with no event.
 * - Idempotency on (author, room, clientId) is checked before everything but membership, so a
 *   retry answers the stored message even if it was since edited or deleted, or the other person
 *   of a direct room has since blocked its author.
 * - History: `before` and `after` together is `invalid`. A page takes `limit` top-level messages
 *   and then leaves out blocked authors, so it can hold fewer. `room.resume` with an
 *   `afterSequence` beyond the room's last is `conflict` (the client's copy is from elsewhere).
 * - Cursors: setting one at or below the current answers the current cursor, with no event.
 * - Blocking also hides the blocked person's typing from the blocker; presence is not hidden.
 *   A person cannot add someone who blocks them to a room (`room.create` with `memberIds`,
 *   `room.addMembers`: `forbidden`), open a direct room with them, or message them in one.
 *   With `directMessages: 'shared-room'`, `direct.open` needs the two to share a room already.
 * - Flood limit: spent by every state-changing command (user, room, direct, message, reaction),
 *   including failed and idempotent-retry ones; never by reads, typing or cursors. History reads
 *   (`message.history`, `thread.history`, `room.resume`) spend their own bucket (`readLimit`).
 *   Both answer `rate_limited` with `retryAfterMs`.
 * - Typing: a person's `typing.start` in a room is told to the others at most once per
 *   `TYPING_THROTTLE_MS` (2 s); repeats in between only extend the notice's time on the server.
 * - Moderation (issue #13): room admins and site moderators (`User.role`, set by the backend with
 *   `user.setRole`) mute members (`RoomMember.muted`: no send, reaction or typing there until it
 *   ends) and ban people (`roomBan` records: removed, and no join or add until it ends or is
 *   lifted); an admin never acts on another admin nor anyone on a site moderator, but the backend.
 *   Site moderators act in public rooms without joining them. Each action posts a system notice
 *   whose `customData.moderation` lets clients word it. Reports are records, told as
 *   `report.created`/`report.resolved` to the room's admins and the site moderators; reporting the
 *   same thing twice while open answers the first report. The word list and flood limit
 *   (`moderation.setSettings`, backend only) are stored and apply at once on every host of the storage.
 * - Events go to every open session of every member, the sender's own included, in order, each a
 *   private copy; a listener that throws is ignored.
 *
 * @example
 * import { createReferenceServer } from 'confab-chat/server';
 * const server = createReferenceServer();
 * server.upsertUser({ id: 'ana', name: 'Ana' });
 * server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana' });
 * const session = server.connect('ana', (event) => console.log(event.type));
 * session.handle({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hello' });
 *
 * @packageDocumentation
 * @module confab/server
 */
export { createChatServer, createReferenceServer, toChatServer } from './server';
export { DEFAULT_FLOOD_LIMIT, DEFAULT_READ_LIMIT } from './flood';
export { MAX_ANNOUNCEMENT_ROOMS, type Announcement } from './announce';
export type { DeletedUser } from './people';
export { EXPORT_FORMAT_VERSION, ExportRecordSchema, type ExportRecord, type ExportScope, type ImportSummary } from './transfer';
export { compareRecordAddresses, createMemoryStorage, randomEpoch, type MemoryStorageOptions } from './storage';
export type { AsyncStorage, Delivery, DeliveryCause, DirectPair, FoundMessage, HostEvent, MessageSearch, RecordAddress, RecordEntry, RecordKind, RecordTypes, RoomPatch, RoomRow, StoredRecord, StorageEngine, StorageTx, StoredRoom, StoredUser, SyncStorage, TransactionOptions } from './storage';
export type {
  ChatServer,
  ChatServerOptions,
  ChatServerSession,
  FloodLimit,
  ReferenceServer,
  ReferenceServerOptions,
  ServerSession,
  WordFilter,
} from './types';
export { firstPreviewLink } from './links';
export { linkToPreview, watchLinkPreviews, type LinkPreviewServer, type LinkPreviewWatchOptions, type LinkUnfurler } from './linkPreviews';
