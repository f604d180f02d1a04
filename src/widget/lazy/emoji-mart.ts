/**
 * The lazily loaded emoji-mart chunk of the widget (`dist/widget/lazy/emoji-mart.js`), built
 * apart as an ES module and fetched the first time the picker opens.
 *
 * emoji-mart's picker is a custom element with its own shadow root, and two of its habits break
 * inside the widget's shadow root and under a strict Content-Security-Policy; this subclass mends
 * both:
 *
 * - It adds its stylesheet as a `<style>` element, which a policy without `'unsafe-inline'` in
 *   `style-src` refuses. Here the same CSS becomes a constructed stylesheet (`adoptedStyleSheets`),
 *   which policies do not govern.
 * - It decides that a click is "outside" by comparing `event.target` at the document with itself;
 *   from inside a shadow root the document sees the shadow host instead, so every click in the
 *   picker counted as outside (and closed it). Here the event's composed path decides.
 */
import { Picker as EmojiMartPicker } from 'emoji-mart';

interface PickerProps {
  onClickOutside?: (event: MouseEvent) => void;
  [option: string]: unknown;
}

let sheet: CSSStyleSheet | null = null;

type PickerConstructor = new (props: PickerProps) => HTMLElement & { shadowRoot: ShadowRoot | null };
const Base = EmojiMartPicker as unknown as PickerConstructor;

class Picker extends Base {
  constructor(props: PickerProps) {
    const outside = props.onClickOutside;
    // `this` exists only after super(); clicks come later, when `picker.element` is set.
    const picker: { element: HTMLElement | null } = { element: null };
    super({
      ...props,
      onClickOutside: (event: MouseEvent) => {
        if (picker.element && event.composedPath().includes(picker.element)) return;
        outside?.(event);
      },
    });
    picker.element = this as HTMLElement;
  }

  /** Called by emoji-mart's constructor with the picker's CSS. */
  injectStyles(styles: string): void {
    if (!styles || !this.shadowRoot) return;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
    }
    this.shadowRoot.adoptedStyleSheets = [sheet];
  }
}

if (!customElements.get('confab-emoji-picker')) customElements.define('confab-emoji-picker', Picker);

export { Picker };
