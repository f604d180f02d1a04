import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx, useLocale, useStrings } from './config';
import { useOutsideClick } from './popover';

/** What emoji-mart's `Picker` constructor accepts, as far as we use it. */
interface PickerOptions {
  data: unknown;
  i18n?: unknown;
  locale: string;
  theme: 'auto' | 'light' | 'dark';
  onEmojiSelect: (emoji: { native?: string }) => void;
  autoFocus: boolean;
  previewPosition: 'none';
  skinTonePosition: 'search';
  set: 'native';
}

interface LoadedPicker {
  Picker: new (options: PickerOptions) => HTMLElement;
  data: unknown;
}

let loading: Promise<LoadedPicker> | null = null;

/**
 * Imports emoji-mart and its data, once. Called on the picker's first open only, so neither is in
 * the components bundle or loaded before someone wants an emoji. A failed import may be retried.
 *
 * @example
 * const { Picker, data } = await loadEmojiPicker();
 */
export function loadEmojiPicker(): Promise<LoadedPicker> {
  loading ??= Promise.all([import('emoji-mart'), import('@emoji-mart/data')]).then(
    ([mart, data]: [unknown, unknown]) => ({
      Picker: (mart as { Picker: LoadedPicker['Picker'] }).Picker,
      data: (data as { default?: unknown }).default ?? data,
    }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * emoji-mart's translations, imported on demand: without them it would fetch them from a CDN.
 * Vite and other bundlers turn each into its own small chunk.
 */
const PICKER_I18N: Record<string, () => Promise<unknown>> = {
  ar: () => import('@emoji-mart/data/i18n/ar.json'),
  be: () => import('@emoji-mart/data/i18n/be.json'),
  cs: () => import('@emoji-mart/data/i18n/cs.json'),
  de: () => import('@emoji-mart/data/i18n/de.json'),
  es: () => import('@emoji-mart/data/i18n/es.json'),
  fa: () => import('@emoji-mart/data/i18n/fa.json'),
  fi: () => import('@emoji-mart/data/i18n/fi.json'),
  fr: () => import('@emoji-mart/data/i18n/fr.json'),
  hi: () => import('@emoji-mart/data/i18n/hi.json'),
  it: () => import('@emoji-mart/data/i18n/it.json'),
  ja: () => import('@emoji-mart/data/i18n/ja.json'),
  ko: () => import('@emoji-mart/data/i18n/ko.json'),
  nl: () => import('@emoji-mart/data/i18n/nl.json'),
  pl: () => import('@emoji-mart/data/i18n/pl.json'),
  pt: () => import('@emoji-mart/data/i18n/pt.json'),
  ru: () => import('@emoji-mart/data/i18n/ru.json'),
  sa: () => import('@emoji-mart/data/i18n/sa.json'),
  tr: () => import('@emoji-mart/data/i18n/tr.json'),
  uk: () => import('@emoji-mart/data/i18n/uk.json'),
  vi: () => import('@emoji-mart/data/i18n/vi.json'),
  zh: () => import('@emoji-mart/data/i18n/zh.json'),
};

/** The picker's language for a BCP 47 locale: its primary subtag when emoji-mart has it, else English. */
export function pickerLanguage(locale: string | undefined): string {
  const language = (locale ?? (typeof navigator === 'undefined' ? 'en' : navigator.language)).toLowerCase().split('-')[0] ?? 'en';
  return language in PICKER_I18N ? language : 'en';
}

async function loadI18n(language: string): Promise<unknown> {
  const load = PICKER_I18N[language];
  if (!load) return undefined;
  const module = (await load()) as { default?: unknown };
  return module.default ?? module;
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

type PickerState = 'loading' | 'ready' | 'failed';

/**
 * An emoji picker: emoji-mart's own `Picker` custom element in a small dialog. emoji-mart and its
 * data are imported the first time a picker opens (see {@link loadEmojiPicker}), and show
 * `strings.emojiLoading` meanwhile. Escape (from anywhere in it, its search field included) and a
 * click outside call `onClose`, however often it opens. Used by the composer's emoji button and
 * by "Add reaction" on messages, each in a `Popover`.
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
    let cancelled = false;
    let element: HTMLElement | null = null;
    const language = pickerLanguage(locale);
    Promise.all([loadEmojiPicker(), loadI18n(language)]).then(
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
  }, [open, locale, theme]);

  // Watched here, not by emoji-mart (no `onClickOutside`): its watcher starts when its element has
  // rendered, which from the second opening on (emoji-mart loaded) happens within the click that
  // opened it, so it took that very click for one outside and closed the picker at once.
  useOutsideClick(open ? dialog : null, () => callbacks.current.onClose('outside'));

  if (!open) return null;

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
      data-state={state}
      onKeyDownCapture={onKeyDownCapture}
    >
      {state === 'loading' && (
        <p className="confab-emoji-picker-status" role="status">
          {strings.emojiLoading}
        </p>
      )}
      {state === 'failed' && (
        <p className="confab-emoji-picker-status" role="alert">
          {strings.emojiFailed}
        </p>
      )}
      <div ref={mountRef} className="confab-emoji-picker-mount" />
    </div>
  );
}
