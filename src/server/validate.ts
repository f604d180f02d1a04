import { ChatError, codePointLength, jsonByteLength, parseCommand, utf8ByteLength, type CustomData } from '../protocol';
import { cloneJson } from './clone';
import type { ServerContext } from './context';

/**
 * Trims a room name and checks it against the limit and the word filter.
 *
 * @example
 * normalizeRoomName(ctx, '  general '); // 'general'
 */
export function normalizeRoomName(ctx: ServerContext, raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new ChatError('invalid', 'A room name must not be empty.');
  const length = codePointLength(name);
  if (length > ctx.limits.maxRoomNameLength) {
    throw new ChatError('too_large', `A room name may be at most ${ctx.limits.maxRoomNameLength} characters; this one has ${length}.`);
  }
  return ctx.filterText(name, 'room name');
}

/** A room topic's length, in characters (code points). */
export const MAX_TOPIC_LENGTH = 250;

/**
 * Trims a room topic and checks it against its length and the word filter; '' clears it.
 *
 * @example
 * normalizeTopic(ctx, ' Release on Friday '); // 'Release on Friday'
 */
export function normalizeTopic(ctx: ServerContext, raw: string): string {
  const topic = raw.trim();
  const length = codePointLength(topic);
  if (length > MAX_TOPIC_LENGTH) throw new ChatError('too_large', `A room topic may be at most ${MAX_TOPIC_LENGTH} characters; this one has ${length}.`);
  return topic === '' ? '' : ctx.filterText(topic, 'room topic');
}

/**
 * Checks custom data against the byte limit and returns a private copy to store.
 *
 * @example
 * room.customData = storableCustomData(ctx, command.customData, 'room');
 */
export function storableCustomData(ctx: ServerContext, data: CustomData, owner: string): CustomData {
  const bytes = jsonByteLength(data);
  if (bytes > ctx.limits.maxCustomDataBytes) {
    throw new ChatError('too_large', `The ${owner}'s custom data is ${bytes} bytes of JSON; the limit is ${ctx.limits.maxCustomDataBytes} bytes.`);
  }
  return cloneJson(data);
}

/**
 * Checks message text: the byte limit, not empty unless there are attachments, and the word filter.
 *
 * @example
 * const text = checkMessageText(ctx, command.text, attachments.length > 0);
 */
export function checkMessageText(ctx: ServerContext, text: string, hasAttachments: boolean): string {
  const bytes = utf8ByteLength(text);
  if (bytes > ctx.limits.maxTextBytes) {
    throw new ChatError('too_large', `The message text is ${bytes} bytes; the limit is ${ctx.limits.maxTextBytes} bytes of UTF-8.`);
  }
  if (text.trim().length === 0 && !hasAttachments) throw new ChatError('invalid', 'A message needs some text or at least one attachment.');
  return ctx.filterText(text, 'message text');
}

/**
 * True when `id` follows the protocol's id rule. Reuses the command schema rather than copying the rule.
 *
 * @example
 * isValidId('room_1'); // true
 */
export function isValidId(id: unknown): id is string {
  return parseCommand({ type: 'user.block', userId: id }).ok;
}

/**
 * Checks custom data given by trusted code (seeding) against the same schema as clients' custom data.
 *
 * @example
 * assertCustomData({ plan: 'pro' });
 */
export function assertCustomData(data: unknown): asserts data is CustomData {
  const parsed = parseCommand({ type: 'user.update', customData: data });
  if (!parsed.ok) throw parsed.error;
}

/** Hosts where plain http is fine: the developer's own machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks an avatar URL: absolute https (http only for localhost, or anywhere when `allowHttp`),
 * or '' for none. A relative URL would make every viewer's browser request that path from the
 * embedding site with its cookies; javascript: and data: are never images to trust.
 *
 * @example
 * checkAvatarUrl('https://cdn.example.com/ana.png', false); // returns it
 * checkAvatarUrl('/me.png', false); // throws ChatError invalid
 */
export function checkAvatarUrl(url: string, allowHttp: boolean): string {
  if (url === '') return url;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const secure = parsed?.protocol === 'https:';
  const plainAllowed = parsed?.protocol === 'http:' && (allowHttp || LOCAL_HOSTS.has(parsed.hostname));
  if (!parsed || !(secure || plainAllowed) || parsed.username !== '' || parsed.password !== '') {
    const shown = JSON.stringify(url.length > 60 ? `${url.slice(0, 60)}…` : url);
    throw new ChatError('invalid', `An avatar URL must be an absolute https:// URL (http:// only on localhost); ${shown} is not one.`);
  }
  return url;
}
