import type { Message } from '../../react';
import { toPlainText } from '../format/richText';
import type { ChatStrings } from '../strings';

/** A notification's body is at most this many characters (then an ellipsis): a glance, not the message. */
export const NOTIFICATION_BODY_CHARS = 140;

/**
 * What a notification of a message says, as plain text: its author (and the room, for a group
 * room) as the title, and the message without its formatting marks, cut to
 * {@link NOTIFICATION_BODY_CHARS} characters, as the body (a file's name when it is only files).
 *
 * @example
 * notificationContent({ message, authorName: 'Bo', roomName: 'general', isDirect: false, strings });
 * // { title: 'Bo in general', body: 'Lunch at noon?' }
 */
export function notificationContent(input: {
  message: Pick<Message, 'text' | 'attachments'>;
  authorName: string;
  roomName: string;
  isDirect: boolean;
  strings: Pick<ChatStrings, 'notificationInRoom' | 'attachment'>;
}): { title: string; body: string } {
  const { message, authorName, roomName, isDirect, strings } = input;
  const title = isDirect ? authorName : strings.notificationInRoom(authorName, roomName);
  const text = toPlainText(message.text);
  const body = text !== '' ? text : message.attachments.length > 0 ? (message.attachments[0]?.name ?? strings.attachment) : '';
  return { title, body: truncate(body, NOTIFICATION_BODY_CHARS) };
}

/** Cuts by code points (never half an emoji), ending with an ellipsis when something was cut. */
function truncate(text: string, max: number): string {
  const points = [...text];
  return points.length > max ? `${points.slice(0, max - 1).join('').trimEnd()}…` : text;
}
