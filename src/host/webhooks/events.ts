/// <reference types="node" />
import { createHash } from 'node:crypto';
import type { Message, Report, Room, User } from '../../protocol';
import type { Delivery } from '../../server';

/**
 * The event types a webhook endpoint receives.
 *
 * - `message.created`, `message.edited`, `message.deleted` (the tombstone), `reaction.updated`
 *   (a reaction added or taken back: `data.userId` did it, `data.message.reactions` is the result),
 *   `message.updated` (any other change, such as one made by the host app's backend);
 * - `room.created`, `room.updated` (name or custom data), `room.deleted`;
 * - `member.added`, `member.removed`, `member.role_changed`;
 * - `user.updated` (a change to an existing person's profile);
 * - `notification.offline`: a member who is offline was mentioned or got a direct message, for the
 *   app to push through its own provider;
 * - `report.created`: someone reported a message or a person (`data.report`, with the message in
 *   context), sent when the room has someone to act on it (an admin, or a site moderator).
 *
 * @example
 * const type: WebhookEventType = 'notification.offline';
 */
export type WebhookEventType =
  | 'message.created'
  | 'message.edited'
  | 'message.deleted'
  | 'message.updated'
  | 'reaction.updated'
  | 'room.created'
  | 'room.updated'
  | 'room.deleted'
  | 'member.added'
  | 'member.removed'
  | 'member.role_changed'
  | 'user.updated'
  | 'notification.offline'
  | 'report.created';

/**
 * One webhook event as the endpoint receives it (the JSON body of the POST).
 * `id` is the same for every retry and every host, so a receiver can drop duplicates by it.
 *
 * @example
 * const event: WebhookEvent = { id: 'evt_3f…', type: 'message.created', createdAt: 1767225600000, data: { message } };
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  /** When the host queued it (ms since the epoch). */
  createdAt: number;
  data: WebhookEventData;
}

/**
 * The `data` of a {@link WebhookEvent}, by type.
 *
 * @example
 * const data: WebhookEventData = { message, actorId: 'ana' };
 */
export type WebhookEventData =
  | { message: Message; actorId?: string }
  | { message: Message; userId: string }
  | { room: Room; actorId?: string }
  | { roomId: string; actorId?: string }
  | { room: Room; userIds: readonly string[]; actorId?: string }
  | { roomId: string; userIds: readonly string[]; reason: 'left' | 'removed'; actorId?: string }
  | { user: User }
  | { userId: string; reason: 'mention' | 'direct'; message: Message }
  | { report: Report };

/** An event before it is stamped with its time. */
export type WebhookEventDraft = Omit<WebhookEvent, 'createdAt'>;

/**
 * A message whose offline recipients may need a push: its readers (who may see it) besides the
 * author; which of them were mentioned, and whether the room is direct, are decided with the
 * room and their presence at hand.
 *
 * @example
 * const candidate: NotificationCandidate = { message, readerIds: ['bo', 'chen'] };
 */
export interface NotificationCandidate {
  message: Message;
  readerIds: string[];
}

/** The same event from any host gets the same id: hosts sharing a database queue it once. */
export function webhookEventId(type: WebhookEventType, data: unknown): string {
  return `evt_${createHash('sha256').update(type).update('\n').update(JSON.stringify(data)).digest('hex').slice(0, 32)}`;
}

function draft(type: WebhookEventType, data: WebhookEventData): WebhookEventDraft {
  return { id: webhookEventId(type, data), type, data };
}

const ROOM_CREATING = new Set(['room.create', 'direct.open']);
const MEMBERSHIP = new Set(['room.join', 'room.leave', 'room.addMembers', 'room.removeMembers']);

function actorOf(delivery: Delivery): { actorId?: string } {
  return delivery.cause ? { actorId: delivery.cause.actorId } : {};
}

/** One `message.updated` delivery as what happened to the message, read from the command that caused it. */
function messageChange(delivery: Delivery, message: Message): WebhookEventDraft | undefined {
  switch (delivery.cause?.command) {
    // A reply bumps its parent's reply count: the reply's own message.created says it all.
    case 'message.send':
      return undefined;
    case 'message.edit':
      return draft('message.edited', { message, ...actorOf(delivery) });
    case 'message.delete':
      return draft('message.deleted', { message, ...actorOf(delivery) });
    case 'reaction.toggle':
      return draft('reaction.updated', { message, userId: delivery.cause.actorId });
    default:
      return draft(message.deletedAt !== undefined ? 'message.deleted' : 'message.updated', { message, ...actorOf(delivery) });
  }
}

function eventOf(delivery: Delivery, candidates: NotificationCandidate[]): WebhookEventDraft | undefined {
  const { event, cause } = delivery;
  switch (event.type) {
    case 'message.created':
      candidates.push({ message: event.message, readerIds: delivery.userIds.filter((id) => id !== event.message.authorId) });
      return draft('message.created', { message: event.message, ...actorOf(delivery) });
    case 'message.updated':
      return messageChange(delivery, event.message);
    case 'room.joined':
      if (cause && ROOM_CREATING.has(cause.command)) return draft('room.created', { room: event.room, ...actorOf(delivery) });
      return draft('member.added', { room: event.room, userIds: [...delivery.userIds], ...actorOf(delivery) });
    case 'room.updated':
      if (cause?.command === 'room.setRole') return draft('member.role_changed', { room: event.room, ...actorOf(delivery) });
      // Joining, leaving, adding and removing also update the room: their member events say it.
      if (cause && (MEMBERSHIP.has(cause.command) || ROOM_CREATING.has(cause.command))) return undefined;
      return draft('room.updated', { room: event.room, ...actorOf(delivery) });
    case 'room.left':
      if (event.reason === 'deleted') return draft('room.deleted', { roomId: event.roomId, ...actorOf(delivery) });
      return draft('member.removed', { roomId: event.roomId, userIds: [...delivery.userIds], reason: event.reason, ...actorOf(delivery) });
    case 'user.updated':
      return draft('user.updated', { user: event.user });
    case 'report.created':
      return draft('report.created', { report: event.report });
    default:
      // Typing, presence, read cursors, blocks and hidden messages are each person's own business.
      return undefined;
  }
}

/**
 * The webhook events of one committed transaction's deliveries: one per server event, not one per
 * recipient (a delivery to many people, or the same event sent in parts, is one webhook event),
 * and the messages whose offline readers may need a push.
 *
 * @example
 * server.subscribe((deliveries) => {
 *   const { events, candidates } = webhookEventsOf(deliveries);
 * });
 */
export function webhookEventsOf(deliveries: readonly Delivery[]): { events: WebhookEventDraft[]; candidates: NotificationCandidate[] } {
  const events: WebhookEventDraft[] = [];
  const candidates: NotificationCandidate[] = [];
  const seen = new Map<string, WebhookEventDraft>();
  for (const delivery of deliveries) {
    const event = eventOf(delivery, candidates);
    if (!event) continue;
    // Membership changes of one room in one transaction are one event; anything else is one per distinct content.
    const key = event.type === 'member.added' || event.type === 'member.removed' ? `${event.type}:${roomIdOf(event)}` : event.id;
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, event);
      events.push(event);
    } else if ('userIds' in earlier.data && 'userIds' in event.data) {
      // One change told to several people in parts (one room.left each): one event naming them all.
      const userIds = [...new Set([...earlier.data.userIds, ...event.data.userIds])];
      earlier.data = { ...earlier.data, userIds };
      earlier.id = webhookEventId(earlier.type, earlier.data);
    }
  }
  // Candidates of one message (sent to readers in parts) are merged too.
  const byMessage = new Map<string, NotificationCandidate>();
  for (const candidate of candidates) {
    const key = `${candidate.message.roomId}:${candidate.message.id}`;
    const earlier = byMessage.get(key);
    if (earlier) earlier.readerIds = [...new Set([...earlier.readerIds, ...candidate.readerIds])];
    else byMessage.set(key, { message: candidate.message, readerIds: [...candidate.readerIds] });
  }
  return { events, candidates: [...byMessage.values()] };
}

function roomIdOf(event: WebhookEventDraft): string {
  const data = event.data as { roomId?: string; room?: Room };
  return data.roomId ?? data.room?.id ?? '';
}

/**
 * Who of a message's readers get a `notification.offline`: each offline reader who was mentioned,
 * and the other person of a direct room (offline). `isOffline` is asked only about those.
 *
 * @example
 * const events = await offlineNotifications(candidate, 'direct', async (id) => (await server.getUser(id))?.presence.state === 'offline');
 */
export async function offlineNotifications(
  candidate: NotificationCandidate,
  roomKind: Room['kind'] | undefined,
  isOffline: (userId: string) => Promise<boolean>,
): Promise<WebhookEventDraft[]> {
  const { message } = candidate;
  if (message.deletedAt !== undefined) return [];
  const mentioned = new Set(message.mentions);
  const out: WebhookEventDraft[] = [];
  for (const userId of candidate.readerIds) {
    const reason = mentioned.has(userId) ? 'mention' : roomKind === 'direct' ? 'direct' : undefined;
    if (reason === undefined || !(await isOffline(userId))) continue;
    out.push(draft('notification.offline', { userId, reason, message }));
  }
  return out;
}
