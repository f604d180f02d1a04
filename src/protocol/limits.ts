/**
 * Server-enforced limits. Defaults are Pusher Chatkit's published ones.
 *
 * @example
 * const server = createReferenceServer({ limits: { maxTextBytes: 2048 } });
 */
export interface Limits {
  /** Members a room may hold. */
  maxMembersPerRoom: number;
  /** Message text, in UTF-8 bytes. */
  maxTextBytes: number;
  /** Custom data on users, rooms and messages, in UTF-8 bytes of its JSON. */
  maxCustomDataBytes: number;
  /** Messages replayed on resume before the timeline is declared cut. */
  maxReplay: number;
  /** Members added or removed in one request. */
  maxMembersPerRequest: number;
  /** Room name, in characters (code points). */
  maxRoomNameLength: number;
  /** Messages in one history page. */
  maxHistoryPage: number;
  /** Attachments on one message. */
  maxAttachments: number;
  /** Mentions on one message. */
  maxMentions: number;
}

/** Chatkit's defaults. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMembersPerRoom: 100,
  maxTextBytes: 5 * 1024,
  maxCustomDataBytes: 5 * 1024,
  maxReplay: 100,
  maxMembersPerRequest: 10,
  maxRoomNameLength: 60,
  maxHistoryPage: 100,
  maxAttachments: 10,
  maxMentions: 50,
});

/**
 * The largest piece `message.append` takes, in UTF-8 bytes. Pieces are small frames (a token or a
 * few words); the whole streamed text stays within `maxTextBytes`, like any message.
 */
export const STREAM_PIECE_MAX_BYTES = 1024;

/** How long a typing notice lasts after the last one, in milliseconds. */
export const TYPING_TTL_MS = 5000;

const encoder = new TextEncoder();

/** Length of a string in UTF-8 bytes, which is what text limits count. */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

/** Length of a string in code points, which is what name limits count. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Size of a JSON-serialisable value in UTF-8 bytes of its JSON. */
export function jsonByteLength(value: unknown): number {
  return value === undefined ? 0 : utf8ByteLength(JSON.stringify(value));
}
