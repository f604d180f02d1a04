import type { Message } from '../../../protocol';
import type { SequenceTree } from '../../sequenceTree';
import type { MessagePlacesSlice } from '../messagePlaces';
import { lookup } from '../records';
import type { TimelinesSlice } from './slice';
import { selectTimeline } from './selectors';

/** Answers per tree, so that looking up an id that is not held does not rescan until the tree changes. */
const scans = new WeakMap<SequenceTree<Message>, Map<string, Message | undefined>>();

function findIn(tree: SequenceTree<Message>, messageId: string): Message | undefined {
  let answers = scans.get(tree);
  if (answers?.has(messageId)) return answers.get(messageId);
  let found: Message | undefined;
  for (const message of tree.values()) {
    if (message.id === messageId) {
      found = message;
      break;
    }
  }
  if (!answers) scans.set(tree, (answers = new Map()));
  answers.set(messageId, found);
  return found;
}

/**
 * One held message by id, top-level or a reply in a loaded thread of the room. O(log n) given a
 * hint or once it has been found (its place is remembered); otherwise the first lookup scans the
 * room once.
 *
 * @example
 * const parent = selectMessageById(client.store.getState(), 'general', parentId);
 */
export function selectMessageById(
  state: TimelinesSlice & Partial<MessagePlacesSlice>,
  roomId: string,
  messageId: string,
  /** Where the message probably is (a copy of it at hand): checked first, O(log n). */
  hint?: Pick<Message, 'sequence' | 'parentId'>,
): Message | undefined {
  // Where it was last found (messages never change sequence), so one check confirms it.
  const known = hint ? { roomId, parentId: hint.parentId, sequence: hint.sequence } : state.messagePlaces?.get(messageId, roomId);
  if (known && known.roomId === roomId) {
    const tree = known.parentId === undefined ? selectTimeline(state, roomId).messages : lookup(state.threads, known.parentId)?.replies;
    const held = tree?.get(known.sequence);
    if (held && held.id === messageId) return held;
  }
  let found = findIn(selectTimeline(state, roomId).messages, messageId);
  if (!found) {
    for (const thread of Object.values(state.threads)) {
      if (thread.roomId !== roomId) continue;
      found = findIn(thread.replies, messageId);
      if (found) break;
    }
  }
  if (found) state.messagePlaces?.remember(messageId, { roomId, parentId: found.parentId, sequence: found.sequence });
  return found;
}
