import { ChatError, type Message } from '../protocol';
import { firstPreviewLink } from './links';
import type { Handlers, ServerContext } from './context';
import type { StoredRoom } from './storage';
import { messageView } from './views';

function requireLiveMessage(ctx: ServerContext, room: StoredRoom, messageId: string): Message {
  const message = ctx.tx.getMessage(room.id, messageId);
  if (!message) throw new ChatError('not_found', `There is no message with id "${messageId}" in this room.`);
  if (message.deletedAt !== undefined) throw new ChatError('conflict', 'A deleted message has no link preview.');
  return message;
}

/**
 * Whether a preview of `url` may go on `message` now: the link must still be the text's first
 * (an edit may have changed it while the host was fetching), and not one its sender removed.
 */
export function previewFits(message: Message, url: string): boolean {
  return firstPreviewLink(message.text) === url && message.previewRemovedUrl !== url;
}

/**
 * Link previews (#14). The host unfurls a message's first link after the message is stored and
 * attaches what it found with `message.setPreview`, as the system (people may not); the sender or
 * a room admin takes it off with `message.removePreview`, and it stays off until the link changes.
 */
export const previewHandlers: Handlers<'message.removePreview' | 'message.setPreview'> = {
  'message.removePreview': (ctx, actor, command) => {
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requireLiveMessage(ctx, room, command.messageId);
    if (message.authorId !== actor.user.id && !ctx.isAdmin(room, actor.user.id)) {
      throw new ChatError('forbidden', 'Only the sender or an admin of this room may remove a link preview.');
    }
    // Removing before the preview arrived counts too: the host will not attach one for this link.
    const url = message.preview?.url ?? firstPreviewLink(message.text);
    if (url === null || (message.preview === undefined && message.previewRemovedUrl === url)) return messageView(message);
    delete message.preview;
    message.previewRemovedUrl = url;
    ctx.tx.updateMessage(message);
    ctx.sendMessage(room, message, 'message.updated');
    return messageView(message);
  },

  'message.setPreview': (ctx, actor, command) => {
    if (!ctx.trusted) throw new ChatError('forbidden', 'Only the chat host attaches link previews.');
    const room = ctx.requireMember(command.roomId, actor.user.id);
    const message = requireLiveMessage(ctx, room, command.messageId);
    const { preview } = command;
    if (!previewFits(message, preview.url)) throw new ChatError('conflict', 'The message no longer starts with this link, or its sender removed the preview.');
    message.preview = preview;
    // A new link was previewed: a preview removed from an earlier link no longer applies.
    delete message.previewRemovedUrl;
    ctx.tx.updateMessage(message);
    ctx.sendMessage(room, message, 'message.updated');
    return messageView(message);
  },
};
