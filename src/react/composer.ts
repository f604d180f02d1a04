import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { parseDraft, selectLimits, validateMessage, type SlashInvocation } from '../core';
import { toChatError, utf8ByteLength, type Attachment, type ChatError, type Message } from '../protocol';
import { useClientFor } from './provider';

/**
 * Options of {@link useComposer}.
 *
 * @example
 * useComposer('general', { parentId: thread.parentId });
 */
export interface ComposerOptions {
  /** Sends replies into the thread of this message. */
  parentId?: string;
  /**
   * Runs slash commands that belong to the UI (e.g. `/poll` opening a form). Return true when it
   * handled the command: the draft then clears. Other commands go to `client.runCommand`.
   */
  onCommand?: (invocation: SlashInvocation) => boolean;
}

/**
 * What {@link useComposer} returns: a draft and the actions on it.
 *
 * @example
 * const { text, setText, send, canSend, byteCount, byteLimit } = useComposer('general');
 */
export interface Composer {
  text: string;
  /**
   * Changes the draft and tells the room you are typing (throttled by the client). With
   * `{ typing: false }` it changes quietly, e.g. when a saved draft is brought back.
   */
  setText(text: string, options?: { typing?: boolean }): void;
  /**
   * Sends the draft (or saves the edit). Resolves true when it went out: a new message then shows
   * as pending at once and the draft clears; false when it was refused (see `error`), in which
   * case the draft is kept.
   */
  send(): Promise<boolean>;
  /** Whether the draft meets the client's rules (size, not blank, signed in, in the room). */
  canSend: boolean;
  /** Why the last send was refused, until the draft changes. */
  error: ChatError | null;
  /** Size of the draft in UTF-8 bytes, which is what the limit counts. */
  byteCount: number;
  /** The server's limit on message text, in UTF-8 bytes. */
  byteLimit: number;
  attachments: readonly Attachment[];
  /** Adds an uploaded file (its `url` already served by your storage) to the draft. */
  addAttachment(attachment: Attachment): void;
  removeAttachment(attachmentId: string): void;
  /** The message being edited, or null when composing a new one. */
  editing: Message | null;
  /** Puts a message's text in the composer; `send` then saves the edit. The draft returns on cancel. */
  startEdit(message: Message): void;
  cancelEdit(): void;
  /** The message the next send quotes, or null. */
  quoting: Message | null;
  startQuote(message: Message): void;
  cancelQuote(): void;
  /** Ids of the people the draft mentions; `send` passes them with the message (or the edit). */
  mentions: readonly string[];
  /** Records that the draft mentions this person (e.g. picked from an @-autocomplete). Once each. */
  addMention(userId: string): void;
  /** Forgets a mention (e.g. its `@Name` was deleted from the draft). */
  removeMention(userId: string): void;
  /** Tells the room you stopped typing (e.g. the text area lost focus). */
  stopTyping(): void;
}

const NO_ATTACHMENTS: readonly Attachment[] = Object.freeze([]);
const NO_MENTIONS: readonly string[] = Object.freeze([]);

/**
 * A message composer's state and actions, headless. The draft is local UI state; the rules
 * (size limit, blank text) are the client's own `validateMessage`, so the button state and the
 * refusal agree with what `sendMessage` would do. Keyboard handling (Enter to send) is the UI's.
 *
 * @example
 * function Composer({ roomId }: { roomId: string }) {
 *   const { text, setText, send, canSend, error, byteCount, byteLimit } = useComposer(roomId);
 *   return (
 *     <form onSubmit={(event) => { event.preventDefault(); void send(); }}>
 *       <textarea value={text} onChange={(event) => setText(event.target.value)} />
 *       <output>{byteCount} / {byteLimit}</output>
 *       {error && <p role="alert">{error.message}</p>}
 *       <button disabled={!canSend}>Send</button>
 *     </form>
 *   );
 * }
 */
export function useComposer(roomId: string, options: ComposerOptions = {}): Composer {
  const { parentId, onCommand } = options;
  const client = useClientFor('useComposer');
  const [text, setTextState] = useState('');
  const [attachments, setAttachments] = useState<readonly Attachment[]>(NO_ATTACHMENTS);
  const [editing, setEditing] = useState<Message | null>(null);
  const [quoting, setQuoting] = useState<Message | null>(null);
  const [error, setError] = useState<ChatError | null>(null);
  const [mentions, setMentions] = useState<readonly string[]>(NO_MENTIONS);
  /** The new-message draft (and its mentions) put aside while editing. */
  const draftBeforeEdit = useRef('');
  const mentionsBeforeEdit = useRef<readonly string[]>(NO_MENTIONS);

  const mode = editing ? 'edit' : 'send';
  const byteLimit = useStore(client.store, (state) => selectLimits(state).maxTextBytes);
  const canSend = useStore(client.store, (state) => validateMessage(state, roomId, { text, attachments }, mode) === null);
  const byteCount = useMemo(() => utf8ByteLength(text), [text]);

  const setText = useCallback(
    (next: string, options?: { typing?: boolean }) => {
      setTextState(next);
      setError(null);
      if (options?.typing === false) return;
      if (next === '') client.stopTyping(roomId);
      else client.notifyTyping(roomId);
    },
    [client, roomId],
  );

  const send = useCallback(async (): Promise<boolean> => {
    const problem = validateMessage(client.store.getState(), roomId, { text, attachments }, editing ? 'edit' : 'send');
    if (problem) {
      setError(problem);
      return false;
    }
    if (editing) {
      try {
        await client.editMessage(roomId, editing.id, { text, mentions: [...mentions] });
      } catch (reason) {
        setError(toChatError(reason));
        return false;
      }
      setEditing(null);
      setTextState(draftBeforeEdit.current);
      setMentions(mentionsBeforeEdit.current);
      draftBeforeEdit.current = '';
      mentionsBeforeEdit.current = NO_MENTIONS;
      setError(null);
      return true;
    }
    // A draft that starts with a command runs it instead: an unknown one is refused and the text stays.
    const draft = parseDraft(text);
    if (draft.kind === 'command') {
      const invocation: SlashInvocation = { name: draft.name, args: draft.args, mentions: [...mentions], ...(parentId !== undefined ? { parentId } : {}) };
      let delivery: Promise<Message> | undefined;
      if (!onCommand?.(invocation)) {
        try {
          delivery = (await client.runCommand(roomId, invocation)).sent;
        } catch (reason) {
          setError(toChatError(reason));
          return false;
        }
      }
      setTextState('');
      setMentions(NO_MENTIONS);
      setError(null);
      delivery?.catch((reason: unknown) => setError(toChatError(reason)));
      return true;
    }
    const sent = client.sendMessage(roomId, {
      text: draft.text,
      attachments: [...attachments],
      ...(mentions.length > 0 ? { mentions: [...mentions] } : {}),
      ...(parentId !== undefined ? { parentId } : {}),
      ...(quoting ? { quotedId: quoting.id } : {}),
    });
    setTextState('');
    setAttachments(NO_ATTACHMENTS);
    setMentions(NO_MENTIONS);
    setQuoting(null);
    setError(null);
    // Delivery failures also mark the pending message `failed` in the timeline, with a retry.
    sent.catch((reason: unknown) => setError(toChatError(reason)));
    return true;
  }, [client, roomId, parentId, onCommand, text, attachments, mentions, editing, quoting]);

  const addAttachment = useCallback((attachment: Attachment) => setAttachments((list) => [...list, attachment]), []);
  const removeAttachment = useCallback((attachmentId: string) => setAttachments((list) => list.filter((item) => item.id !== attachmentId)), []);

  const startEdit = useCallback(
    (message: Message) => {
      if (!editing) {
        draftBeforeEdit.current = text;
        mentionsBeforeEdit.current = mentions;
      }
      setEditing(message);
      setTextState(message.text);
      setMentions(message.mentions.length > 0 ? message.mentions : NO_MENTIONS);
      setError(null);
    },
    [editing, text, mentions],
  );
  const cancelEdit = useCallback(() => {
    setEditing(null);
    setTextState(draftBeforeEdit.current);
    setMentions(mentionsBeforeEdit.current);
    draftBeforeEdit.current = '';
    mentionsBeforeEdit.current = NO_MENTIONS;
    setError(null);
  }, []);
  const startQuote = useCallback((message: Message) => setQuoting(message), []);
  const cancelQuote = useCallback(() => setQuoting(null), []);
  const addMention = useCallback((userId: string) => setMentions((list) => (list.includes(userId) ? list : [...list, userId])), []);
  const removeMention = useCallback((userId: string) => setMentions((list) => (list.includes(userId) ? list.filter((id) => id !== userId) : list)), []);
  const stopTyping = useCallback(() => client.stopTyping(roomId), [client, roomId]);

  return {
    text,
    setText,
    send,
    canSend,
    error,
    byteCount,
    byteLimit,
    attachments,
    addAttachment,
    removeAttachment,
    editing,
    startEdit,
    cancelEdit,
    quoting,
    startQuote,
    cancelQuote,
    mentions,
    addMention,
    removeMention,
    stopTyping,
  };
}
