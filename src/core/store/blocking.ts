import type { Message } from '../../protocol';
import { SequenceTree } from '../sequenceTree';
import type { ChatState } from './index';
import { withEntry } from './records';
import type { TimelinesSlice } from './timelines';

/**
 * The state after the signed-in user's block list changed (their `user.block`, `user.unblock`, or
 * `blocks.updated` from another of their sessions): the messages and thread replies of anyone
 * just blocked leave the held timelines at once, their sequences staying covered (as the server's
 * `message.hidden` leaves them), so nothing else in the list moves or reloads. Unblocking brings
 * nothing back by itself: the client loads the newest pages again (`ChatClient.unblockUser`).
 *
 * @example
 * store.setState((state) => withBlockedUserIds(state, ['bo']));
 */
export function withBlockedUserIds(state: ChatState, next: readonly string[]): Partial<ChatState> {
  const before = new Set(state.blockedUserIds);
  const blocked = new Set(next.filter((userId) => !before.has(userId)));
  const list = next.length === state.blockedUserIds.length && next.every((userId, index) => userId === state.blockedUserIds[index]) ? {} : { blockedUserIds: [...next] };
  if (blocked.size === 0) return list;
  const slice = withoutAuthors(state, blocked);
  return slice === state ? list : { ...list, timelines: slice.timelines, threads: slice.threads };
}

/**
 * The timelines and threads without the messages of these authors (their sequences stay covered).
 *
 * @example
 * withoutAuthors(state, new Set(['bo']));
 */
export function withoutAuthors(slice: TimelinesSlice, authorIds: ReadonlySet<string>): TimelinesSlice {
  const hides = (message: Message) => authorIds.has(message.authorId);
  let timelines = slice.timelines;
  for (const [roomId, timeline] of Object.entries(slice.timelines)) {
    const messages = withoutMatching(timeline.messages, hides);
    if (messages !== timeline.messages) timelines = withEntry(timelines, roomId, { ...timeline, messages });
  }
  let threads = slice.threads;
  for (const [parentId, thread] of Object.entries(slice.threads)) {
    const replies = withoutMatching(thread.replies, hides);
    if (replies !== thread.replies) threads = withEntry(threads, parentId, { ...thread, replies });
  }
  return timelines === slice.timelines && threads === slice.threads ? slice : { timelines, threads };
}

/** The tree without the matching messages; the same tree when none matches. O(n log n), for a rare action. */
function withoutMatching(tree: SequenceTree<Message>, hides: (message: Message) => boolean): SequenceTree<Message> {
  const all = tree.toArray();
  if (!all.some(hides)) return tree;
  return SequenceTree.from(all.filter((message) => !hides(message)).map((message) => [message.sequence, message] as const));
}
