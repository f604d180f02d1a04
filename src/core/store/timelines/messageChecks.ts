import { ChatError, jsonByteLength, utf8ByteLength, type Attachment, type CustomData, type Limits, type Room } from '../../../protocol';
import { lookup, type IdRecord } from '../records';

/**
 * Why a message's text may not be sent as it stands, or null when it may: at most
 * `limits.maxTextBytes` UTF-8 bytes, and not blank unless the message carries attachments.
 *
 * @example
 * checkMessageText('', { hasAttachments: false, limits: DEFAULT_LIMITS })?.code; // 'invalid'
 */
export function checkMessageText(text: string, options: { hasAttachments: boolean; limits: Pick<Limits, 'maxTextBytes'> }): ChatError | null {
  const { maxTextBytes } = options.limits;
  const bytes = utf8ByteLength(text);
  if (bytes > maxTextBytes) {
    return new ChatError('too_large', `The message is ${bytes} bytes; the limit is ${maxTextBytes} bytes (UTF-8). Shorten it or send it in parts.`);
  }
  if (text.trim() === '' && !options.hasAttachments) return new ChatError('invalid', 'A message needs text or an attachment.');
  return null;
}

/** Why custom data is too large to send, or null. */
export function checkCustomDataSize(customData: CustomData | undefined, limits: Pick<Limits, 'maxCustomDataBytes'>): ChatError | null {
  const { maxCustomDataBytes } = limits;
  const bytes = jsonByteLength(customData);
  return bytes > maxCustomDataBytes ? new ChatError('too_large', `Custom data is ${bytes} bytes; the limit is ${maxCustomDataBytes} bytes.`) : null;
}

/**
 * The checks `ChatClient.sendMessage` (mode `send`) and `editMessage` (mode `edit`) make before
 * anything goes out, as a pure function of the store: a composer shows the same verdict before
 * the user presses send. Null when the message may go.
 *
 * @example
 * const problem = validateMessage(client.store.getState(), 'general', { text: draft });
 * if (problem) showHint(problem.message);
 */
export function validateMessage(
  state: { me: string | null; rooms: IdRecord<Room>; limits: Readonly<Limits> },
  roomId: string,
  input: { text: string; attachments?: readonly Attachment[]; customData?: CustomData },
  mode: 'send' | 'edit' = 'send',
): ChatError | null {
  if (mode === 'send') {
    if (!state.me) return new ChatError('unavailable', 'Not signed in yet: call connect() first.');
    if (!lookup(state.rooms, roomId)) return new ChatError('not_found', `You are not in a room "${roomId}".`);
  }
  const hasAttachments = mode === 'edit' || (input.attachments?.length ?? 0) > 0;
  return checkMessageText(input.text, { hasAttachments, limits: state.limits }) ?? checkCustomDataSize(input.customData, state.limits);
}
