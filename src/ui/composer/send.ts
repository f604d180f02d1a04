/**
 * When the composer may send, and what its keys do: small pure decisions, testable without a DOM.
 */

/** The byte counter shows from this share of the limit on. */
export const COUNTER_FROM = 0.8;

/**
 * What {@link sendState} decides from the draft.
 *
 * @example
 * const state: SendState = { over: false, near: false, blank: false, waitingForUploads: false, canSubmit: true, mayTry: true };
 */
export interface SendState {
  /** Above the server's byte limit: refused with a clear message, Send disabled. */
  over: boolean;
  /** Near the limit: the counter shows. */
  near: boolean;
  /** No text and no files. */
  blank: boolean;
  /** Files still uploading (or failed): the message waits for them. An edit changes text only. */
  waitingForUploads: boolean;
  /** Whether the Send button is enabled. */
  canSubmit: boolean;
  /** Whether Enter tries to send (and shows why not, if the client refuses). */
  mayTry: boolean;
}

/**
 * The composer's send state.
 *
 * @example
 * sendState({ text: 'hi', attachmentCount: 0, editing: false, uploadsBusy: false, byteCount: 2, byteLimit: 5120, canSend: true }).canSubmit; // true
 */
export function sendState(draft: { text: string; attachmentCount: number; editing: boolean; uploadsBusy: boolean; byteCount: number; byteLimit: number; canSend: boolean }): SendState {
  const over = draft.byteCount > draft.byteLimit;
  const near = draft.byteCount >= draft.byteLimit * COUNTER_FROM;
  const blank = draft.text.trim() === '' && draft.attachmentCount === 0;
  const waitingForUploads = draft.uploadsBusy && !draft.editing;
  return {
    over,
    near,
    blank,
    waitingForUploads,
    canSubmit: draft.canSend && !waitingForUploads && !over,
    // An edit saved blank is refused by the client with its reason; a blank new message is not tried.
    mayTry: !over && !waitingForUploads && !(blank && !draft.editing),
  };
}

/**
 * What a key in the text area does (when no suggestion list takes it).
 *
 * @example
 * const action: ComposerKeyAction = 'send';
 */
export type ComposerKeyAction = 'send' | 'cancel-edit' | 'cancel-quote';

/**
 * Enter sends, Shift+Enter and Alt+Enter break the line, Escape leaves edit or quote mode; keys
 * of an IME composition (Japanese, Chinese, Korean input) are the IME's, never a send.
 *
 * @example
 * composerKeyAction({ key: 'Enter', shiftKey: false, altKey: false, composing: false }, { editing: false, quoting: false }); // 'send'
 */
export function composerKeyAction(
  event: { key: string; shiftKey: boolean; altKey: boolean; composing: boolean },
  mode: { editing: boolean; quoting: boolean },
): ComposerKeyAction | null {
  if (event.composing) return null;
  if (event.key === 'Escape') return mode.editing ? 'cancel-edit' : mode.quoting ? 'cancel-quote' : null;
  if (event.key === 'Enter' && !event.shiftKey && !event.altKey) return 'send';
  return null;
}

/** Whether a key event belongs to an IME composition (`keyCode` 229 where `isComposing` is missing). */
export function isComposing(event: { nativeEvent: { isComposing?: boolean }; keyCode: number }): boolean {
  return event.nativeEvent.isComposing === true || event.keyCode === 229;
}
