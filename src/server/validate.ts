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
