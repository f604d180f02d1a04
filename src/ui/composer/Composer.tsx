import { memo, useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useComposer, useCurrentUser, useKnownMemberIds, useMemberMute, useRoom, useRoomCommands, useUsers, type MemberMute, type SlashInvocation } from '../../react';
import { cx, useLocale, useStrings, useUploadAdapter } from '../config';
import { formatDateTime, formatTime, isSameDay } from '../format/dates';
import { portalTargetFor } from '../popover';
import { CreatePollDialog } from '../polls/CreatePollDialog';
import { Icon } from '../icons';
import { useRoomDisplay } from '../roomName';
import { Autocomplete, optionId } from './Autocomplete';
import { useAutoGrow, usePendingCaret } from './autoGrow';
import { EditBar, QuoteBar } from './bars';
import { ComposerAttachments } from './ComposerAttachments';
import { EmojiButton } from './EmojiButton';
import { useFileDrop } from './fileDrop';
import { composerKeyAction, isComposing, sendState } from './send';
import { droppedMentions, expandShortcode, SuggestionContent, suggestionKeyAction, useSuggestions } from './suggestions';
import { useRoomViewHandle } from './roomViewHandle';
import { useComposerUploads } from './uploads';
import { useDraft } from './useDraft';

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

/**
 * The message composer: an auto-growing text area over {@link useComposer}. Enter sends and
 * Shift+Enter breaks the line (never during an IME composition); a byte counter appears near the
 * server's limit and refuses clearly above it; `@` suggests room members and `:sm` suggests emoji
 * (data loaded on the first `:`), both from the keyboard; an emoji picker loads on first open;
 * files are attached with the button, by drag and drop, or by pasting images, with previews and
 * upload progress (when the UI has an upload adapter). The draft is kept per person, room and
 * thread, across room switches and reloads. Inside a {@link RoomViewProvider} it receives
 * messages' Edit and Quote actions.
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
  /**
   * The poll form, open with this question (from `/poll question` or the button), and where it is
   * portalled: out of the composer's form, since a form inside a form submits natively.
   */
  const [pollForm, setPollForm] = useState<{ question: string; target: Element | ShadowRoot } | null>(null);
  const openPollForm = (question: string) => {
    const anchor = textareaRef.current;
    if (anchor) setPollForm({ question, target: portalTargetFor(anchor) });
  };
  // `/poll` is the UI's: it opens the form rather than reaching the client.
  const onCommand = (invocation: SlashInvocation) => {
    if (invocation.name !== 'poll') return false;
    openPollForm(invocation.args);
    return true;
  };
  const composer = useComposer(roomId, parentId !== undefined ? { parentId, onCommand } : { onCommand });
  const commands = useRoomCommands(roomId);
  const room = useRoom(roomId);
  const { name: roomName } = useRoomDisplay(room);
  const { id: meId } = useCurrentUser();
  const users = useUsers();
  const adapter = useUploadAdapter();
  const ids = useId();
  const listId = `${ids}-suggestions`;
  const counterId = `${ids}-counter`;
  const uploadsHintId = `${ids}-uploads`;

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(0);
  const { text, editing, quoting } = composer;
  const focusText = () => textareaRef.current?.focus();

  useDraft({ composer, scope: meId === null ? null : { userId: meId, roomId, parentId } });
  useAutoGrow(textareaRef, text);
  const placeCaret = usePendingCaret(textareaRef, text);

  // In a crowd only its admins and the members loaded so far are known: those are suggested.
  const memberIds = useKnownMemberIds(roomId);
  const usersById = useMemo(() => new Map(users.map((user) => [user.id, user])), [users]);
  const suggest = useSuggestions({ text, caret, users, memberIds, meId, ...(editing ? {} : { commands }) });

  const uploads = useComposerUploads({ roomId, adapter, onUploaded: composer.addAttachment, onRemoved: composer.removeAttachment });
  const canAttach = adapter !== undefined && !editing;
  const drop = useFileDrop({
    enabled: canAttach,
    onFiles: (files) => {
      uploads.add(files);
      focusText();
    },
  });

  const send = sendState({
    text,
    attachmentCount: composer.attachments.length,
    editing: editing !== null,
    uploadsBusy: uploads.busy,
    byteCount: composer.byteCount,
    byteLimit: composer.byteLimit,
    canSend: composer.canSend,
  });

  /** Replaces `text[from, to)` with `insert` and puts the caret after it. */
  function replaceRange(from: number, to: number, insert: string) {
    const position = from + insert.length;
    placeCaret(position);
    setCaret(position);
    composer.setText(text.slice(0, from) + insert + text.slice(to));
  }

  function pick(index: number) {
    const suggestion = suggest.suggestions[index];
    if (!suggestion || !suggest.trigger) return;
    replaceRange(suggest.trigger.start, caret, suggestion.insert);
    if (suggestion.kind === 'mention') composer.addMention(suggestion.userId);
  }

  function onChange(event: ChangeEvent<HTMLTextAreaElement>) {
    const next = event.target.value;
    if (next.includes(':') && !suggest.emojiIndex) suggest.loadEmoji();
    const typed = expandShortcode(next, event.target.selectionStart ?? next.length, text.length, suggest.emojiIndex);
    if (typed.expanded) placeCaret(typed.caret);
    setCaret(typed.caret);
    composer.setText(typed.text);
    for (const userId of droppedMentions(typed.text, composer.mentions, usersById)) composer.removeMention(userId);
  }

  async function submit() {
    if (!send.mayTry) return;
    const wasEditing = editing !== null;
    const sent = await composer.send();
    if (!sent) return;
    if (!wasEditing) uploads.clear();
    setCaret(0);
    composer.stopTyping();
    focusText();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const composing = isComposing(event);
    if (composing) return;
    const listAction = suggest.open ? suggestionKeyAction(event) : null;
    if (listAction) {
      event.preventDefault();
      if (listAction === 'next') suggest.move(1);
      else if (listAction === 'previous') suggest.move(-1);
      else if (listAction === 'pick') pick(suggest.activeIndex);
      else {
        event.stopPropagation();
        suggest.dismiss();
      }
      return;
    }
    const action = composerKeyAction({ key: event.key, shiftKey: event.shiftKey, altKey: event.altKey, composing }, { editing: editing !== null, quoting: quoting !== null });
    if (action === null) return;
    event.preventDefault();
    if (action === 'send') {
      void submit();
      return;
    }
    event.stopPropagation();
    if (action === 'cancel-edit') composer.cancelEdit();
    else composer.cancelQuote();
  }

  function onSelect(event: { currentTarget: HTMLTextAreaElement }) {
    const position = event.currentTarget.selectionStart;
    if (position !== caret) setCaret(position);
  }

  function insertEmoji(emoji: string) {
    const textarea = textareaRef.current;
    const from = textarea?.selectionStart ?? text.length;
    replaceRange(from, textarea?.selectionEnd ?? from, emoji);
    focusText();
  }

  function onFilesPicked(event: ChangeEvent<HTMLInputElement>) {
    uploads.add(Array.from(event.target.files ?? []));
    event.target.value = '';
    // The file dialog left focus on the attach button: typing goes on in the text.
    focusText();
  }

  useRoomViewHandle({
    composer,
    scope: parentId !== undefined ? 'thread' : 'room',
    textarea: textareaRef,
    moveCaret: (position) => {
      placeCaret(position);
      setCaret(position);
    },
  });

  useEffect(() => {
    if (autoFocus) textareaRef.current?.focus();
  }, [autoFocus]);

  const label = placeholder ?? (parentId !== undefined ? strings.replyInThread : strings.composerPlaceholder(roomName));
  const mode = editing ? 'edit' : quoting ? 'quote' : 'new';
  const errorShown = composer.error && !(send.over && composer.error.code === 'too_large') ? composer.error : null;
  const describedBy = cx(send.near && counterId, send.waitingForUploads && uploadsHintId) || undefined;
  const listOpen = suggest.open && suggest.trigger !== null;
  const mute = useMemberMute(roomId);
  // A muted person keeps reading; the composer says why they cannot write, and until when.
  if (mute) return <MutedComposer mute={mute} className={className} />;

  return (
    <form
      className={cx('confab-composer', className)}
      data-mode={mode}
      data-dragging={drop.dragging ? '' : undefined}
      data-over-limit={send.over ? '' : undefined}
      onSubmit={onSubmit}
      {...drop.zone}
    >
      {editing && (
        <EditBar
          onCancel={() => {
            composer.cancelEdit();
            focusText();
          }}
        />
      )}
      {quoting && (
        <QuoteBar
          message={quoting}
          onCancel={() => {
            composer.cancelQuote();
            focusText();
          }}
        />
      )}
      {!editing && <ComposerAttachments uploads={uploads.uploads} onRemove={uploads.remove} />}
      {errorShown && (
        <p className="confab-composer-error" role="alert">
          {errorShown.message}
        </p>
      )}
      {listOpen && suggest.trigger && (
        <Autocomplete
          id={listId}
          kind={suggest.trigger.kind}
          label={{ mention: strings.mentionSuggestions, emoji: strings.emojiSuggestions, command: strings.commandSuggestions }[suggest.trigger.kind]}
          options={suggest.suggestions.map((suggestion) => ({ key: suggestion.key, content: <SuggestionContent suggestion={suggestion} /> }))}
          activeIndex={suggest.activeIndex}
          onPick={(index) => {
            pick(index);
            focusText();
          }}
          onActivate={suggest.activate}
        />
      )}
      <div className="confab-composer-row">
        {canAttach && (
          <button type="button" className="confab-composer-attach" aria-label={strings.attachFiles} onClick={() => fileInputRef.current?.click()}>
            <Icon name="plus" />
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
          aria-activedescendant={listOpen ? optionId(listId, suggest.activeIndex) : undefined}
          aria-invalid={send.over || undefined}
          aria-describedby={describedBy}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onSelect={onSelect}
          onBlur={() => composer.stopTyping()}
          onPaste={drop.onPaste}
        />
        {!editing && parentId === undefined && (
          <button type="button" className="confab-composer-poll" aria-label={strings.createPoll} title={strings.createPoll} onClick={() => openPollForm('')}>
            <Icon name="poll" />
          </button>
        )}
        <EmojiButton onPick={insertEmoji} />
        <button type="submit" className="confab-composer-send" disabled={!send.canSubmit} aria-describedby={send.waitingForUploads ? uploadsHintId : undefined}>
          {editing ? strings.save : strings.send}
        </button>
      </div>
      {send.near && (
        <p id={counterId} className="confab-composer-counter" data-state={send.over ? 'over' : 'near'} role={send.over ? 'alert' : undefined}>
          {send.over ? strings.tooLong(composer.byteCount, composer.byteLimit) : strings.bytesLeft(composer.byteLimit - composer.byteCount)}
        </p>
      )}
      {send.waitingForUploads && (
        <p id={uploadsHintId} className="confab-composer-hint">
          {strings.waitingForUploads}
        </p>
      )}
      {drop.dragging && (
        <div className="confab-composer-drop" aria-hidden="true">
          {strings.dropFilesHere}
        </div>
      )}
      {pollForm &&
        createPortal(
          <CreatePollDialog
            roomId={roomId}
            question={pollForm.question}
            onClose={() => {
              setPollForm(null);
              focusText();
            }}
            onCreated={() => {
              setPollForm(null);
              focusText();
            }}
          />,
          pollForm.target,
        )}
      {canAttach && <input ref={fileInputRef} className="confab-composer-file-input" type="file" multiple hidden tabIndex={-1} onChange={onFilesPicked} />}
    </form>
  );
});

/**
 * What a muted person sees instead of the composer: "You are muted in this room until 14:05" (the
 * date too when it ends on another day than it began), in their language and clock.
 */
function MutedComposer({ mute, className }: { mute: MemberMute; className?: string | undefined }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const until = mute.until;
  const time = until === undefined ? null : isSameDay(until, mute.at) ? formatTime(until, locale) : formatDateTime(until, locale);
  return (
    <div className={cx('confab-composer', className)} data-state="muted" role="status">
      <p className="confab-composer-muted">{time === null ? strings.mutedForGood : strings.mutedUntil(time)}</p>
    </div>
  );
}
