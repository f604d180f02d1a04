import { ChatError, type CommandOf, type Message, type ResultOf } from '../protocol';
import { selectHoldsAround } from './loadAround';
import { lookup, selectMessageById, type ChatStore, type MessageFocus } from './store';

/**
 * What {@link jumpToMessage} needs from a client: small, so that it is tested over a plain store
 * and a fake server.
 *
 * @example
 * const host: JumpHost = { store, request: (command) => transport.request(command), loadAround: (roomId, sequence) => client.loadAround(roomId, sequence) };
 */
export interface JumpHost {
  readonly store: ChatStore;
  request(command: CommandOf<'message.get'>): Promise<ResultOf<'message.get'>>;
  loadAround(roomId: string, sequence: number): Promise<void>;
}

/** Tells jumps apart (see MessageFocus.token); shared by every client, only its rise matters. */
let lastToken = 0;

/** The message by id: held (found at once with its sequence as a hint), or asked of the server, which checks the reader may see it. */
async function findMessage(host: JumpHost, roomId: string, messageId: string, sequence?: number): Promise<Message> {
  const hint = sequence === undefined ? undefined : { sequence, parentId: undefined };
  return selectMessageById(host.store.getState(), roomId, messageId, hint) ?? (await host.request({ type: 'message.get', roomId, messageId }));
}

/**
 * Where a jump lands: the message itself, or, for a thread reply, its parent in the room's list
 * (with the reply named, so its thread opens).
 *
 * @example
 * await jumpTarget(host, 'general', 'm42', 42); // { messageId: 'm42', sequence: 42 }
 */
export async function jumpTarget(host: JumpHost, roomId: string, messageId: string, sequence?: number): Promise<Omit<MessageFocus, 'roomId' | 'token'>> {
  const message = await findMessage(host, roomId, messageId, sequence);
  if (message.parentId === undefined) return { messageId: message.id, sequence: message.sequence };
  const parent = await findMessage(host, roomId, message.parentId);
  return { messageId: parent.id, sequence: parent.sequence, replyId: message.id };
}

/**
 * Takes the reader to a message: loads the pages around it when the client does not hold them,
 * then leaves a focus request in the store (`state.focus`), which the room's list answers by
 * scrolling to the message and marking it. The UI opens the room when it is not the open one.
 * `sequence` (when known) finds a held copy at once; otherwise, or when it is not held, the
 * server is asked for it (a quote names only an id; a search result may be a thread reply). Rejects with a
 * ChatError when the room or message is not the reader's to see.
 *
 * @example
 * await jumpToMessage(host, 'general', hit.message.id, hit.message.sequence);
 */
export async function jumpToMessage(host: JumpHost, roomId: string, messageId: string, sequence?: number): Promise<MessageFocus> {
  const { store } = host;
  if (lookup(store.getState().rooms, roomId) === undefined) throw new ChatError('not_found', `You are not in room "${roomId}", so its messages cannot be shown.`);
  const target = await jumpTarget(host, roomId, messageId, sequence);
  if (!selectHoldsAround(store.getState(), roomId, target.sequence)) await host.loadAround(roomId, target.sequence);
  lastToken += 1;
  const focus: MessageFocus = { roomId, ...target, token: lastToken };
  store.setState({ focus });
  return focus;
}

/**
 * Lets a focus request go once the list has answered it (a newer request stays).
 *
 * @example
 * clearFocus(store, focus.token);
 */
export function clearFocus(store: ChatStore, token: number): void {
  if (store.getState().focus?.token === token) store.setState({ focus: null });
}
