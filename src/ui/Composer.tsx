/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import {
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useComposer, useCurrentUser, useRoom, useUser, useUsers, type Message, type UserProfile } from '../react';
import { Autocomplete, findCompleteShortcode, findTrigger, optionId, type AutocompleteOption } from './Autocomplete';
import { Avatar } from './Avatar';
import { ComposerAttachments, useComposerUploads } from './ComposerAttachments';
import { cx, useEmojiSource, useSlot, useStrings, useUploadAdapter } from './config';
import { EmojiPicker } from './EmojiPicker';
import { findShortcode, loadShortcodes, searchShortcodes, type ShortcodeIndex } from './emoji/shortcodes';
import { withNames } from './format/bidi';
import { useRoomDisplay } from './roomName';
import { useRoomView, type ComposerHandle } from './roomView';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

/** The byte counter shows from this share of the limit on. */
const COUNTER_FROM = 0.8;
/** Suggestions shown at most. */
const MAX_SUGGESTIONS = 8;

/**
 * Props of {@link Composer}.
 *
 * @example
 * <Composer roomId="general" />
 * <Composer roomId="general" parentId={thread.parentId} placeholder="Reply…" />
 */
export interface ComposerProps {
  roomId: string;
  /** Sends replies into this message's thread. */
  parentId?: string;
  /** Placeholder and label of the text area. Default `strings.composerPlaceholder(room name)`, or `strings.replyInThread` in a thread. */
  placeholder?: string;
  /** Focuses the text area when it mounts. */
  autoFocus?: boolean;
  className?: string;
}

interface Suggestion extends AutocompleteOption {
  /** What replaces the trigger and its query. */
  insert: string;
  /** The person a mention suggestion names. */
  userId?: string;
}

/** Lower case without diacritics, for matching names as people type them. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a name, or any word of it, starts with the query. */
function nameMatches(name: string, query: string): boolean {
  if (query === '') return true;
  const folded = fold(name);
  const q = fold(query);
  return folded.startsWith(q) || folded.split(/\s+/).some((word) => word.startsWith(q));
}

function hasFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types ?? []).includes('Files');
}

/**
 * The message composer: an auto-growing text area over {@link useComposer}. Enter sends and
 * Shift+Enter breaks the line (never during an IME composition); a byte counter appears near the
 * server's limit and refuses clearly above it; `@` suggests room members and `:sm` suggests emoji
 * (data loaded on the first `:`), both from the keyboard; an emoji picker loads on first open;
 * files are attached with the button, by drag and drop, or by pasting images, with previews and
 * upload progress (when the UI has an upload adapter). Inside a {@link RoomViewProvider} it
 * receives messages' Edit and Quote actions.
 *
 * @example
 * <ChatUIProvider uploads={createMemoryUploadAdapter({ server, userId: 'ana' })}>
 *   <RoomViewProvider roomId="general">
 *     <MessageList roomId="general" />
 *     <Composer roomId="general" />
 *   </RoomViewProvider>
 * </ChatUIProvider>
 */
export const Composer = memo(function Composer({ roomId, parentId, placeholder, autoFocus = false, className }: ComposerProps): ReactNode {
  const strings = useStrings();
  const composer = useComposer(roomId, parentId !== undefined ? { parentId } : {});
  const room = useRoom(roomId);
  const { name: roomName } = useRoomDisplay(room);
  const { id: meId } = useCurrentUser();
  const users = useUsers();
  const adapter = useUploadAdapter();
  const emojiSource = useEmojiSource();
  const view = useRoomView();
  const EmojiPickerPart = useSlot('EmojiPicker', EmojiPicker);
  const AvatarPart = useSlot('Avatar', Avatar);
  const ids = useId();
  const listId = `${ids}-suggestions`;
  const counterId = `${ids}-counter`;
  const uploadsHintId = `${ids}-uploads`;

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const emojiButtonRef = useRef<HTMLButtonElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  /** Where to put the caret once the text it belongs to has rendered. */
  const pendingCaret = useRef<number | null>(null);
  const dragDepth = useRef(0);
  const emojiLoad = useRef<Promise<unknown> | null>(null);

  const [caret, setCaret] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState({ key: '', index: 0 });
  const [emojiIndex, setEmojiIndex] = useState<ShortcodeIndex | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [dragging, setDragging] = useState(false);

  const uploads = useComposerUploads({ roomId, adapter, onUploaded: composer.addAttachment, onRemoved: composer.removeAttachment });
  const { text, editing, quoting, byteCount, byteLimit } = composer;
  const over = byteCount > byteLimit;
  const near = byteCount >= byteLimit * COUNTER_FROM;

  // ---- suggestions -------------------------------------------------------------------------

  const usersById = useMemo(() => new Map(users.map((user) => [user.id, user])), [users]);
  const trigger = findTrigger(text, caret);
  const triggerKey = trigger ? `${trigger.kind}:${trigger.start}` : '';
  const suggestions = useMemo<Suggestion[]>(() => {
    if (!trigger || triggerKey === dismissed) return [];
    if (trigger.kind === 'mention') {
      const memberIds = new Set(room?.members.map((member) => member.userId));
      return users
        .filter((user) => memberIds.has(user.id) && user.id !== meId && nameMatches(user.name, trigger.query))
        .slice(0, MAX_SUGGESTIONS)
        .map((user: UserProfile) => ({
          key: user.id,
          userId: user.id,
          insert: `@${user.name} `,
          content: (
            <>
              <AvatarPart userId={user.id} size="xs" />
              <span className="confab-autocomplete-label">{user.name}</span>
            </>
          ),
        }));
    }
    if (!emojiIndex) return [];
    return searchShortcodes(emojiIndex, trigger.query, MAX_SUGGESTIONS).map((emoji) => ({
      key: emoji.id,
      insert: emoji.native,
      content: (
        <>
          <span className="confab-autocomplete-emoji" aria-hidden="true">
            {emoji.native}
          </span>
          <span className="confab-autocomplete-label">:{emoji.code}:</span>
        </>
      ),
    }));
    // trigger is derived from triggerKey and its query
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [triggerKey, trigger?.query, dismissed, users, room, meId, emojiIndex, AvatarPart]);
  const suggestKey = `${triggerKey}:${trigger?.query ?? ''}`;
  const listOpen = suggestions.length > 0;
  const activeIndex = active.key === suggestKey ? Math.min(active.index, suggestions.length - 1) : 0;

  // ---- text and caret ----------------------------------------------------------------------

  /** Replaces `text[from, to)` with `insert` and puts the caret after it. */
  function replaceRange(from: number, to: number, insert: string) {
    const next = text.slice(0, from) + insert + text.slice(to);
    const position = from + insert.length;
    pendingCaret.current = position;
    setCaret(position);
    composer.setText(next);
  }

  function pick(index: number) {
    const suggestion = suggestions[index];
    if (!suggestion || !trigger) return;
    replaceRange(trigger.start, caret, suggestion.insert);
    if (suggestion.userId !== undefined) composer.addMention(suggestion.userId);
  }

  function startEmojiLoad() {
    if (!emojiSource) return;
    emojiLoad.current ??= loadShortcodes(emojiSource).then(setEmojiIndex, () => {
      emojiLoad.current = null;
    });
  }

  function onChange(event: ChangeEvent<HTMLTextAreaElement>) {
    const next = event.target.value;
    const position = event.target.selectionStart ?? next.length;
    if (next.includes(':') && !emojiIndex) startEmojiLoad();
    // `:thumbsup:` typed out in full becomes the emoji.
    const complete = emojiIndex && next.length > text.length && next[position - 1] === ':' ? findCompleteShortcode(next, position) : null;
    const found = complete && emojiIndex ? findShortcode(emojiIndex, complete.code) : undefined;
    let value = next;
    let caretAt = position;
    if (complete && found) {
      value = next.slice(0, complete.start) + found.native + next.slice(position);
      caretAt = complete.start + found.native.length;
      pendingCaret.current = caretAt;
    }
    setCaret(caretAt);
    composer.setText(value);
    // A mention whose @Name was deleted is no longer one.
    for (const userId of composer.mentions) {
      const name = usersById.get(userId)?.name;
      if (name !== undefined && !value.includes(`@${name}`)) composer.removeMention(userId);
    }
  }

  useIsomorphicLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    // Grow with the text up to the CSS max-height, then scroll: one measurement per change.
    textarea.style.height = 'auto';
    const borders = textarea.offsetHeight - textarea.clientHeight;
    textarea.style.height = `${textarea.scrollHeight + Math.max(0, borders)}px`;
    const position = pendingCaret.current;
    if (position !== null) {
      pendingCaret.current = null;
      textarea.setSelectionRange(position, position);
    }
  }, [text]);

  // ---- sending ------------------------------------------------------------------------------

  const blank = text.trim() === '' && composer.attachments.length === 0;
  // An edit changes text only: the new message's files wait, put aside with its draft.
  const waitingForUploads = uploads.busy && !editing;
  const canSubmit = composer.canSend && !waitingForUploads && !over;

  async function submit() {
    if (over || waitingForUploads || (blank && !editing)) return;
    const wasEditing = editing !== null;
    const sent = await composer.send();
    if (!sent) return;
    if (!wasEditing) uploads.clear();
    setCaret(0);
    composer.stopTyping();
    textareaRef.current?.focus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const composing = event.nativeEvent.isComposing || event.keyCode === 229;
    if (composing) return;
    if (listOpen) {
      const count = suggestions.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive({ key: suggestKey, index: (activeIndex + step + count) % count });
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && !event.shiftKey)) {
        event.preventDefault();
        pick(activeIndex);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(triggerKey);
        return;
      }
    }
    if (event.key === 'Escape' && (editing || quoting)) {
      event.preventDefault();
      event.stopPropagation();
      if (editing) composer.cancelEdit();
      else composer.cancelQuote();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      void submit();
    }
  }

  function onSelect(event: { currentTarget: HTMLTextAreaElement }) {
    const position = event.currentTarget.selectionStart;
    if (position !== caret) setCaret(position);
  }

  // ---- emoji picker -------------------------------------------------------------------------

  function insertAtSelection(insert: string) {
    const textarea = textareaRef.current;
    const from = textarea?.selectionStart ?? text.length;
    const to = textarea?.selectionEnd ?? from;
    replaceRange(from, to, insert);
  }

  function onEmojiSelect(emoji: string) {
    insertAtSelection(emoji);
    setPickerOpen(false);
    textareaRef.current?.focus();
  }

  function onPickerClose(reason?: 'escape' | 'outside') {
    setPickerOpen(false);
    if (reason !== 'outside') emojiButtonRef.current?.focus();
  }

  // ---- files --------------------------------------------------------------------------------

  const canAttach = adapter !== undefined && !editing;

  function onFilesPicked(event: ChangeEvent<HTMLInputElement>) {
    uploads.add(Array.from(event.target.files ?? []));
    event.target.value = '';
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    if (!canAttach) return;
    const images = Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith('image/'));
    if (images.length === 0) return;
    // Pasting a picture pastes the picture; text that came with it (if any) pastes as usual.
    if (!Array.from(event.clipboardData.types ?? []).includes('text/plain')) event.preventDefault();
    uploads.add(images);
  }

  function onDragEnter(event: DragEvent<HTMLFormElement>) {
    if (!canAttach || !hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    dragDepth.current += 1;
    setDragging(true);
  }

  function onDragOver(event: DragEvent<HTMLFormElement>) {
    if (!canAttach || !hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }

  function onDragLeave() {
    if (!dragging) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  }

  function onDrop(event: DragEvent<HTMLFormElement>) {
    dragDepth.current = 0;
    setDragging(false);
    if (!canAttach) return;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    uploads.add(files);
  }

  // ---- the room view's Edit and Quote -------------------------------------------------------

  const latest = useRef(composer);
  useEffect(() => {
    latest.current = composer;
  });
  useEffect(() => {
    if (!view) return;
    const handle: ComposerHandle = {
      startEdit(message: Message) {
        latest.current.startEdit(message);
        pendingCaret.current = message.text.length;
        setCaret(message.text.length);
        textareaRef.current?.focus();
      },
      startQuote(message: Message) {
        latest.current.startQuote(message);
        textareaRef.current?.focus();
      },
      focus() {
        textareaRef.current?.focus();
      },
    };
    return view.registerComposer(handle, parentId !== undefined ? 'thread' : 'room');
  }, [view, parentId]);

  useEffect(() => {
    if (autoFocus) textareaRef.current?.focus();
  }, [autoFocus]);

  // ---- render -------------------------------------------------------------------------------

  const label = placeholder ?? (parentId !== undefined ? strings.replyInThread : strings.composerPlaceholder(roomName));
  const mode = editing ? 'edit' : quoting ? 'quote' : 'new';
  const errorShown = composer.error && !(over && composer.error.code === 'too_large') ? composer.error : null;
  const describedBy = cx(near && counterId, waitingForUploads && uploadsHintId) || undefined;

  return (
    <form
      className={cx('confab-composer', className)}
      data-mode={mode}
      data-dragging={dragging ? '' : undefined}
      data-over-limit={over ? '' : undefined}
      onSubmit={onSubmit}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {editing && (
        <div className="confab-composer-bar" data-kind="edit">
          <span className="confab-composer-bar-title">{strings.editingMessage}</span>
          <button
            type="button"
            className="confab-composer-bar-cancel"
            aria-label={strings.cancelEditing}
            onClick={() => {
              composer.cancelEdit();
              textareaRef.current?.focus();
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      {quoting && (
        <QuoteBar
          message={quoting}
          onCancel={() => {
            composer.cancelQuote();
            textareaRef.current?.focus();
          }}
        />
      )}
      {!editing && <ComposerAttachments uploads={uploads.uploads} onRemove={uploads.remove} />}
      {errorShown && (
        <p className="confab-composer-error" role="alert">
          {errorShown.message}
        </p>
      )}
      {listOpen && trigger && (
        <Autocomplete
          id={listId}
          kind={trigger.kind}
          label={trigger.kind === 'mention' ? strings.mentionSuggestions : strings.emojiSuggestions}
          options={suggestions}
          activeIndex={activeIndex}
          onPick={(index) => {
            pick(index);
            textareaRef.current?.focus();
          }}
          onActivate={(index) => setActive({ key: suggestKey, index })}
        />
      )}
      <div className="confab-composer-row">
        {canAttach && (
          <button type="button" className="confab-composer-attach" aria-label={strings.attachFiles} onClick={() => fileInputRef.current?.click()}>
            <span aria-hidden="true">+</span>
          </button>
        )}
        <textarea
          ref={textareaRef}
          className="confab-composer-input"
          rows={1}
          value={text}
          placeholder={label}
          aria-label={label}
          aria-autocomplete="list"
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={listOpen ? optionId(listId, activeIndex) : undefined}
          aria-invalid={over || undefined}
          aria-describedby={describedBy}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onSelect={onSelect}
          onBlur={() => composer.stopTyping()}
          onPaste={onPaste}
        />
        <button
          ref={emojiButtonRef}
          type="button"
          className="confab-composer-emoji"
          aria-label={strings.emoji}
          aria-expanded={pickerOpen}
          data-state={pickerOpen ? 'open' : 'closed'}
          onClick={() => setPickerOpen((open) => !open)}
        >
          <span aria-hidden="true">☺</span>
        </button>
        <button type="submit" className="confab-composer-send" disabled={!canSubmit} aria-describedby={waitingForUploads ? uploadsHintId : undefined}>
          {editing ? strings.save : strings.send}
        </button>
      </div>
      {pickerOpen && <EmojiPickerPart className="confab-composer-emoji-picker" onSelect={onEmojiSelect} onClose={onPickerClose} />}
      {near && (
        <p id={counterId} className="confab-composer-counter" data-state={over ? 'over' : 'near'} role={over ? 'alert' : undefined}>
          {over ? strings.tooLong(byteCount, byteLimit) : strings.bytesLeft(byteLimit - byteCount)}
        </p>
      )}
      {waitingForUploads && (
        <p id={uploadsHintId} className="confab-composer-hint">
          {strings.waitingForUploads}
        </p>
      )}
      {dragging && (
        <div className="confab-composer-drop" aria-hidden="true">
          {strings.dropFilesHere}
        </div>
      )}
      {canAttach && <input ref={fileInputRef} className="confab-composer-file-input" type="file" multiple hidden tabIndex={-1} onChange={onFilesPicked} />}
    </form>
  );
});

/**
 * Props of {@link QuoteBar}.
 *
 * @example
 * <QuoteBar message={quoting} onCancel={cancelQuote} />
 */
export interface QuoteBarProps {
  message: Message;
  onCancel(): void;
  className?: string;
}

/**
 * "Quoting Ana" and the first line of the quoted message, with a cancel button: shown above the
 * composer while the next message quotes one.
 *
 * @example
 * {quoting && <QuoteBar message={quoting} onCancel={cancelQuote} />}
 */
export function QuoteBar({ message, onCancel, className }: QuoteBarProps): ReactNode {
  const strings = useStrings();
  const author = useUser(message.authorId);
  const firstLine = message.text.split('\n', 1)[0] ?? '';
  const excerpt = firstLine.trim() !== '' ? firstLine : message.attachments[0] ? (message.attachments[0].name ?? strings.attachment) : '';
  return (
    <div className={cx('confab-composer-bar', className)} data-kind="quote">
      <span className="confab-composer-bar-title">{withNames(strings.quotingMessage, author?.name ?? strings.someone)}</span>
      <span className="confab-composer-bar-excerpt">{excerpt}</span>
      <button type="button" className="confab-composer-bar-cancel" aria-label={strings.cancelQuote} onClick={onCancel}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
