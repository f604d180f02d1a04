import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';
import { useBlocking, useCurrentUserId, useDeleteMessage, useIsSiteModerator, useMemberMute, useMyRole, useReactions, useUser, type Message } from '../react';
import { DELETED_USER_ID } from '../protocol';
import { cx, useSlot, useStrings } from './config';
import { EmojiPicker } from './EmojiPicker';
import { Icon } from './icons';
import { QUICK_REACTIONS, useHoldToolbar } from './messageParts';
import { Popover, portalTargetFor } from './popover';
import { ReportDialog } from './moderation/ReportDialog';
import { useRoomView } from './roomView';
import { activeElementOf } from './dom';

/**
 * Props of {@link MessageActions}.
 *
 * @example
 * <MessageActions roomId="general" message={message} />
 */
export interface MessageActionsProps {
  roomId: string;
  message: Message;
  /** The message is shown in a thread panel: no "Reply in thread" there. */
  inThread?: boolean;
  /** Called when an action finished with the toolbar (e.g. after a reaction), so a host can hide it. */
  onDone?: () => void;
  /**
   * Called when the "Add reaction" picker opens and closes. The picker floats outside the message
   * (in the chat's root), so pointing at it leaves the message: a host that shows the toolbar on
   * hover keeps it while the picker is open.
   */
  onPickerOpenChange?: (open: boolean) => void;
  className?: string;
}

/** How long "Copied" shows before the button reads "Copy text" again. */
const COPIED_MS = 1500;

function clipboard(): Clipboard | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.clipboard;
}

/** The toolbar's buttons that are shown (CSS hides the quick reactions in narrow lists). */
function shownButtons(toolbar: HTMLElement | null): HTMLButtonElement[] {
  const buttons = [...(toolbar?.querySelectorAll<HTMLButtonElement>(':scope > button') ?? [])];
  // Without layout (jsdom) nothing has client rects: then every button counts as shown.
  const laidOut = buttons.some((button) => button.getClientRects().length > 0);
  return laidOut ? buttons.filter((button) => button.getClientRects().length > 0) : buttons;
}

/**
 * The actions on a message, as a toolbar (one tab stop; arrow keys, Home and End move between its
 * buttons): quick reactions and "Add reaction" (the emoji picker), reply in thread, quote, edit
 * (own messages), delete (own messages, or any as the room's admin or a site moderator; asks once
 * more), copy (where the browser offers a clipboard), and report (someone else's message, to the
 * moderators, in a dialog). Actions that need the room view (thread, quote, edit)
 * show only inside a `RoomViewProvider`.
 *
 * @example
 * <MessageActions roomId={roomId} message={message} inThread />
 */
export const MessageActions = memo(function MessageActions({ roomId, message, inThread = false, onDone, onPickerOpenChange, className }: MessageActionsProps): ReactNode {
  const strings = useStrings();
  const view = useRoomView();
  const me = useCurrentUserId();
  const role = useMyRole(roomId);
  const siteModerator = useIsSiteModerator();
  // A muted member may not react (the server refuses): no reaction buttons while it lasts.
  const muted = useMemberMute(roomId) !== undefined;
  const { toggle, hasReacted } = useReactions(roomId, message);
  const deleteMessage = useDeleteMessage(roomId);
  const PickerPart = useSlot('EmojiPicker', EmojiPicker);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [confirmingBlock, setConfirmingBlock] = useState(false);
  const { block } = useBlocking();
  const author = useUser(message.authorId);
  const [reporting, setReporting] = useState(false);
  const [copied, setCopied] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const toolbar = useRef<HTMLDivElement>(null);
  // State, not a ref: the picker's popover is placed beside it.
  const [addButton, setAddButton] = useState<HTMLButtonElement | null>(null);
  // An open picker or a delete to confirm keeps this toolbar open when the pointer leaves.
  useHoldToolbar(pickerOpen || confirmingDelete || confirmingBlock || reporting, toolbar);
  // Tells the row, for parts that keep their own hover state (a replaced Message part).
  const pickerCallback = useRef(onPickerOpenChange);
  useEffect(() => {
    pickerCallback.current = onPickerOpenChange;
  });
  useEffect(() => {
    if (!pickerOpen) return;
    pickerCallback.current?.(true);
    return () => pickerCallback.current?.(false);
  }, [pickerOpen]);
  // The message's header leaves room for the toolbar (its width, on the message as
  // --confab-message-actions-width), so the toolbar never covers the author's name.
  useIsomorphicLayoutEffect(() => {
    const element = toolbar.current;
    const row = element?.parentElement;
    if (!element || !row) return;
    row.style.setProperty('--confab-message-actions-width', `${element.offsetWidth}px`);
    return () => void row.style.removeProperty('--confab-message-actions-width');
  });
  // A narrow list hides the quick reactions: the tab stop starts on the first button shown.
  useIsomorphicLayoutEffect(() => {
    const shown = shownButtons(toolbar.current);
    if (shown[0] && !shown.some((button) => button.tabIndex === 0)) setActiveIndex(Number(shown[0].dataset['index']));
  }, []);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const own = me !== null && message.authorId === me;
  const canDelete = own || role === 'admin' || siteModerator;
  // Someone else's words: their author may be blocked from here (not a deleted person, not the server).
  const canBlock = me !== null && !own && author !== undefined && message.authorId !== DELETED_USER_ID && message.system !== true;
  const authorName = author?.name || strings.someone;
  const canCopy = message.text !== '' && typeof clipboard()?.writeText === 'function';
  // Anyone may report someone else's words to the room's moderators.
  const canReport = me !== null && !own && message.system !== true;
  const react = (emoji: string) => {
    void toggle(emoji).catch(() => {});
    onDone?.();
  };
  const closePicker = (reason?: 'escape' | 'outside') => {
    setPickerOpen(false);
    // A click elsewhere put focus where the reader wanted it; otherwise back to the opener.
    if (reason !== 'outside') addButton?.focus();
  };

  // The buttons, in order; `index` gives each its place for the roving tab stop.
  let index = 0;
  const rove = () => {
    const mine = index++;
    return { tabIndex: mine === activeIndex ? 0 : -1, 'data-index': mine, onFocus: () => setActiveIndex(mine) };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the report dialog (portalled, but a React child) are not the toolbar's.
    if (!(event.target instanceof Node) || !toolbar.current?.contains(event.target)) return;
    const buttons = shownButtons(toolbar.current);
    if (buttons.length === 0) return;
    const active = activeElementOf(toolbar.current);
    const current = buttons.findIndex((button) => button === active);
    const rtl = toolbar.current !== null && getComputedStyle(toolbar.current).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number | null = null;
    if (event.key === forward) next = (current + 1) % buttons.length;
    else if (event.key === backward) next = (current - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === null) return;
    event.preventDefault();
    buttons[next]?.focus();
  };

  return (
    <>
      <div ref={toolbar} className={cx('confab-message-actions', className)} role="toolbar" aria-label={strings.messageActions} aria-orientation="horizontal" onKeyDown={onKeyDown}>
        {!muted && QUICK_REACTIONS.map((emoji) => {
          const mine = hasReacted(emoji);
          return (
            <button
              key={emoji}
              type="button"
              className="confab-message-action"
              data-action="react"
              data-own={mine ? '' : undefined}
              aria-pressed={mine}
              aria-label={strings.reactWith(emoji)}
              title={strings.reactWith(emoji)}
              onClick={() => react(emoji)}
              {...rove()}
            >
              <span aria-hidden="true">{emoji}</span>
            </button>
          );
        })}
        {!muted && (
          <button
            ref={setAddButton}
            type="button"
            className="confab-message-action"
            data-action="add-reaction"
            aria-label={strings.addReaction}
            title={strings.addReaction}
            aria-expanded={pickerOpen}
            aria-haspopup="dialog"
            onClick={() => setPickerOpen((open) => !open)}
            {...rove()}
          >
            <Icon name="addReaction" />
          </button>
        )}
        {view && !inThread && message.parentId === undefined && (
          <button type="button" className="confab-message-action" data-action="thread" aria-label={strings.replyInThread} title={strings.replyInThread} onClick={() => view.openThread(message.id)} {...rove()}>
            <Icon name="thread" />
          </button>
        )}
        {view && (
          <button type="button" className="confab-message-action" data-action="quote" aria-label={strings.quote} title={strings.quote} onClick={() => view.startQuote(message)} {...rove()}>
            <Icon name="quote" />
          </button>
        )}
        {view && own && (
          <button type="button" className="confab-message-action" data-action="edit" aria-label={strings.edit} title={strings.edit} onClick={() => view.startEdit(message)} {...rove()}>
            <Icon name="compose" />
          </button>
        )}
        {canCopy && (
          <button
            type="button"
            className="confab-message-action"
            data-action="copy"
            data-done={copied ? '' : undefined}
            aria-label={copied ? strings.copied : strings.copy}
            title={copied ? strings.copied : strings.copy}
            onClick={() => {
              clipboard()
                ?.writeText(message.text)
                .then(() => setCopied(true), () => {});
            }}
            {...rove()}
          >
            <Icon name={copied ? 'check' : 'copy'} />
          </button>
        )}
        {canDelete && (
          <button
            type="button"
            className="confab-message-action"
            data-action="delete"
            data-confirming={confirmingDelete ? '' : undefined}
            aria-label={confirmingDelete ? strings.confirmDelete : strings.delete}
            title={confirmingDelete ? strings.confirmDelete : strings.delete}
            onBlur={() => setConfirmingDelete(false)}
            onClick={() => {
              if (!confirmingDelete) {
                setConfirmingDelete(true);
                return;
              }
              setConfirmingDelete(false);
              void deleteMessage(message.id).catch(() => {});
              onDone?.();
            }}
            {...rove()}
          >
            {confirmingDelete ? <span className="confab-message-action-label">{strings.confirmDelete}</span> : <Icon name="trash" />}
          </button>
        )}
        {canBlock && (
          <button
            type="button"
            className="confab-message-action"
            data-action="block"
            data-confirming={confirmingBlock ? '' : undefined}
            aria-label={confirmingBlock ? strings.confirmBlock(authorName) : strings.blockNamed(authorName)}
            title={confirmingBlock ? strings.confirmBlock(authorName) : strings.blockNamed(authorName)}
            onBlur={() => setConfirmingBlock(false)}
            onClick={() => {
              if (!confirmingBlock) {
                setConfirmingBlock(true);
                return;
              }
              setConfirmingBlock(false);
              void block(message.authorId).catch(() => {});
              onDone?.();
            }}
            {...rove()}
          >
            {confirmingBlock ? <span className="confab-message-action-label">{strings.confirmBlockShort}</span> : <Icon name="block" />}
          </button>
        )}
        {canReport && (
          <button type="button" className="confab-message-action" data-action="report" aria-label={strings.report} title={strings.report} aria-haspopup="dialog" onClick={() => setReporting(true)} {...rove()}>
            <Icon name="flag" />
          </button>
        )}
        <span className="confab-visually-hidden" role="status">
          {copied ? strings.copied : ''}
        </span>
      </div>
      {reporting &&
        toolbar.current &&
        createPortal(
          <ReportDialog
            roomId={roomId}
            target={{ messageId: message.id }}
            onClose={() => {
              setReporting(false);
              onDone?.();
            }}
          />,
          portalTargetFor(toolbar.current),
        )}
      <Popover anchor={addButton} open={pickerOpen} placement="bottom-end" className="confab-reaction-picker">
        <PickerPart
          onSelect={(emoji: string) => {
            closePicker();
            react(emoji);
          }}
          onClose={closePicker}
          label={strings.addReaction}
        />
      </Popover>
    </>
  );
});
