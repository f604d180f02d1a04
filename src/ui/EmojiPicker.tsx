import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx, useEmojiSource, useLocale, useStrings } from './config';
import type { EmojiPickerElement, EmojiSource } from './emoji/source';
import { useOutsideClick } from './popover';

/**
 * emoji-mart's picker element and its data, as an emoji source loads them.
 *
 * @example
 * const { Picker, data }: LoadedEmojiPicker = await loadEmojiPicker(emojiMart);
 */
export interface LoadedEmojiPicker {
  Picker: EmojiPickerElement;
  data: unknown;
}

const loading = new WeakMap<EmojiSource, Promise<LoadedEmojiPicker>>();

/**
 * Loads emoji-mart's picker and data through the given source, once per source. Called on a
 * picker's first open only, so neither is loaded before someone wants an emoji. A failed load
 * may be retried.
 *
 * @example
 * const { Picker, data } = await loadEmojiPicker(emojiMart);
 */
export function loadEmojiPicker(source: EmojiSource): Promise<LoadedEmojiPicker> {
  let load = loading.get(source);
  if (!load) {
    load = source.loadPicker();
    loading.set(source, load);
    load.catch(() => loading.delete(source));
  }
  return load;
}

/** The picker's language for a BCP 47 locale: its primary subtag (`'pt-BR'` → `'pt'`). */
export function pickerLanguage(locale: string | undefined): string {
  return (locale ?? (typeof navigator === 'undefined' ? 'en' : navigator.language)).toLowerCase().split('-')[0] || 'en';
}

/** Said once per page to the developer when a picker opens without an emoji source. */
let explained = false;
function explainMissingSource(): void {
  if (explained) return;
  explained = true;
  console.warn(
    "Confab: the emoji picker has no emoji source. Install emoji-mart and @emoji-mart/data, then pass the adapter: import { emojiMart } from 'confab-chat/emoji-mart'; <Chat emoji={emojiMart} /> (or <ChatUIProvider emoji={emojiMart}>).",
  );
}

/** The theme set on the nearest Confab root (`data-theme`), else the system's. */
function themeAround(element: HTMLElement): 'auto' | 'light' | 'dark' {
  const theme = element.closest<HTMLElement>('.confab-root')?.dataset['theme'];
  return theme === 'light' || theme === 'dark' ? theme : 'auto';
}

/**
 * Props of {@link EmojiPicker}.
 *
 * @example
 * <EmojiPicker open={open} onSelect={(emoji) => insert(emoji)} onClose={() => setOpen(false)} />
 */
export interface EmojiPickerProps {
  /** Whether the picker shows. Default true: render it only while open, or pass `open`. */
  open?: boolean;
  /** Called with the picked emoji as text (e.g. `'👍'`). */
  onSelect(emoji: string): void;
  /**
   * Called on Escape (`'escape'`: return focus to what opened the picker) and on a click outside
   * it (`'outside'`: focus is where that click put it).
   */
  onClose(reason?: 'escape' | 'outside'): void;
  /** Light or dark; default: the nearest `.confab-root`'s `data-theme`, else the system's. */
  theme?: 'auto' | 'light' | 'dark';
  /** Accessible name of the dialog. Default `strings.emoji`. */
  label?: string;
  className?: string;
}

/** `unavailable`: no emoji source was given (see `EmojiSource`); `failed`: loading it failed. */
type PickerState = 'loading' | 'ready' | 'failed' | 'unavailable';

/**
 * An emoji picker: emoji-mart's own `Picker` custom element in a small dialog. emoji-mart and its
 * data come from the `emoji` source of the nearest `ChatUIProvider` (`<Chat emoji={emojiMart}>`,
 * see `EmojiSource`), loaded the first time a picker opens (see {@link loadEmojiPicker}), with
 * `strings.emojiLoading` meanwhile. Without a source it shows `strings.emojiFailed` (and tells the
 * developer in the console how to add one). Escape (from anywhere in it, its search field
 * included) and a click outside call `onClose`, however often it opens. Used by the composer's
 * emoji button and by "Add reaction" on messages, each in a `Popover`.
 *
 * @example
 * function ReactButton({ onReact }: { onReact: (emoji: string) => void }) {
 *   const [open, setOpen] = useState(false);
 *   const button = useRef<HTMLButtonElement>(null);
 *   const close = () => { setOpen(false); button.current?.focus(); };
 *   return (
 *     <>
 *       <button ref={button} aria-expanded={open} onClick={() => setOpen(!open)}>🙂</button>
 *       {open && <EmojiPicker onSelect={(emoji) => { onReact(emoji); close(); }} onClose={close} />}
 *     </>
 *   );
 * }
 */
export function EmojiPicker({ open = true, onSelect, onClose, theme, label, className }: EmojiPickerProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const source = useEmojiSource();
  const mountRef = useRef<HTMLDivElement>(null);
  const [dialog, setDialog] = useState<HTMLDivElement | null>(null);
  const [state, setState] = useState<PickerState>('loading');
  // The picker element is made once per opening; it calls whatever callbacks are current.
  const callbacks = useRef({ onSelect, onClose });
  useEffect(() => {
    callbacks.current = { onSelect, onClose };
  });

  useEffect(() => {
    const mount = mountRef.current;
    if (!open || !mount) return;
    if (!source) {
      explainMissingSource();
      return;
    }
    let cancelled = false;
    let element: HTMLElement | null = null;
    const language = pickerLanguage(locale);
    const translations = language === 'en' ? undefined : source.loadTranslations(language)?.catch(() => undefined);
    Promise.all([loadEmojiPicker(source), translations]).then(
      ([{ Picker, data }, i18n]) => {
        if (cancelled) return;
        element = new Picker({
          data,
          ...(i18n !== undefined ? { i18n } : {}),
          locale: i18n !== undefined ? language : 'en',
          theme: theme ?? themeAround(mount),
          onEmojiSelect: (emoji) => {
            if (typeof emoji.native === 'string') callbacks.current.onSelect(emoji.native);
          },
          autoFocus: true,
          previewPosition: 'none',
          skinTonePosition: 'search',
          set: 'native',
        });
        // A custom element built by emoji-mart, not markup from a string.
        mount.appendChild(element);
        setState('ready');
      },
      () => {
        if (!cancelled) setState('failed');
      },
    );
    return () => {
      cancelled = true;
      element?.remove();
      setState('loading');
    };
  }, [open, locale, theme, source]);

  // Watched here, not by emoji-mart (no `onClickOutside`): its watcher starts when its element has
  // rendered, which from the second opening on (emoji-mart loaded) happens within the click that
  // opened it, so it took that very click for one outside and closed the picker at once.
  useOutsideClick(open ? dialog : null, () => callbacks.current.onClose('outside'));

  if (!open) return null;
  const shown: PickerState = source ? state : 'unavailable';

  // Capturing: emoji-mart's search field stops every key it sees from going further.
  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onClose('escape');
  };

  return (
    <div
      ref={setDialog}
      className={cx('confab-emoji-picker', className)}
      role="dialog"
      aria-label={label ?? strings.emoji}
      data-state={shown}
      onKeyDownCapture={onKeyDownCapture}
    >
      {shown === 'loading' && (
        <p className="confab-emoji-picker-status" role="status">
          {strings.emojiLoading}
        </p>
      )}
      {(shown === 'failed' || shown === 'unavailable') && (
        <p className="confab-emoji-picker-status" role="alert">
          {strings.emojiFailed}
        </p>
      )}
      <div ref={mountRef} className="confab-emoji-picker-mount" />
    </div>
  );
}
