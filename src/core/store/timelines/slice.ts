import type { ChatErrorPayload, CustomData, Attachment, Message } from '../../../protocol';
import type { CoveredRanges } from '../../ranges';
import { SequenceTree } from '../../sequenceTree';
import { EMPTY_RECORD, type IdRecord } from '../records';

/**
 * A message the signed-in user sent that the server has not confirmed yet. It shows at the end of
 * its timeline until the server's copy replaces it (by `clientId`), or stays `failed` with the
 * reason until retried or discarded.
 *
 * @example
 * const pending: PendingMessage = {
 *   clientId: 'c_1', roomId: 'general', authorId: 'ana', text: 'Hi', attachments: [], mentions: [],
 *   createdAt: Date.now(), status: 'sending',
 * };
 */
export interface PendingMessage {
  clientId: string;
  roomId: string;
  authorId: string;
  text: string;
  attachments: Attachment[];
  mentions: string[];
  parentId?: string;
  quotedId?: string;
  customData?: CustomData;
  /** `action` for an emote (`/me`). */
  kind?: 'action';
  /** Client clock, for display only; order is by server sequence once confirmed. */
  createdAt: number;
  status: 'sending' | 'failed';
  error?: ChatErrorPayload;
  /**
   * While the server's flood limit holds this send back: when it goes again (client clock). The
   * queue retries it by itself, in order; the UI shows a countdown instead of a silent wait.
   */
  throttledUntil?: number;
}

/**
 * One room's main timeline (thread replies live in their thread): the confirmed messages by
 * sequence, the stretches of sequences held completely, and the pending sends.
 *
 * @example
 * const timeline = selectTimeline(client.store.getState(), 'general');
 * timeline?.messages.size; // messages held
 */
export interface Timeline {
  readonly messages: SequenceTree<Message>;
  readonly covered: CoveredRanges;
  readonly pending: readonly PendingMessage[];
  /** What is being loaded now, if anything. */
  readonly loading: 'older' | 'newer' | 'gap' | null;
  /** Why the last load failed, until the next one succeeds. */
  readonly error: ChatErrorPayload | null;
}

/**
 * Replies to one message, loaded when the thread is opened.
 *
 * @example
 * const thread = selectThread(client.store.getState(), parentId);
 */
export interface Thread {
  readonly roomId: string;
  readonly parentId: string;
  readonly replies: SequenceTree<Message>;
  readonly pending: readonly PendingMessage[];
  readonly hasOlder: boolean;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: ChatErrorPayload | null;
}

/**
 * Timelines by room id and threads by parent message id.
 *
 * @example
 * const { timelines, threads } = client.store.getState();
 */
export interface TimelinesSlice {
  timelines: IdRecord<Timeline>;
  threads: IdRecord<Thread>;
}

export const initialTimelines: TimelinesSlice = { timelines: EMPTY_RECORD, threads: EMPTY_RECORD };

export const EMPTY_TIMELINE: Timeline = Object.freeze({
  messages: SequenceTree.empty<Message>(),
  covered: [],
  pending: [],
  loading: null,
  error: null,
});
