/**
 * Where the widget's lazily loaded chunks are: beside the script itself.
 *
 * The widget build (vite.widget.config.ts) rewrites the UI's `import('emoji-mart')`,
 * `import('@emoji-mart/data')` and `import('@emoji-mart/data/i18n/xx.json')` into
 * `import(lazyChunkUrl('…'))`, so that the one-file IIFE fetches those ES chunks from
 * `<script's folder>/lazy/` the first time the emoji picker (or `:shortcode` completion) needs
 * them, and never before.
 *
 * `document.currentScript` is only set while the script first runs, so the address is taken then,
 * when this module is evaluated.
 */
const script = typeof document === 'undefined' ? null : document.currentScript;
const scriptUrl = script instanceof HTMLScriptElement && script.src ? script.src : typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;

/** The script tag that loaded the widget, while it ran; null when loaded otherwise. */
export const currentScript: HTMLScriptElement | null = script instanceof HTMLScriptElement ? script : null;

/**
 * The absolute URL of a lazy chunk, e.g. `lazyChunkUrl('emoji-data.js')`.
 *
 * @example
 * const module = await import(lazyChunkUrl('emoji-mart.js'));
 */
export function lazyChunkUrl(file: string): string {
  return new URL(`lazy/${file}`, scriptUrl).href;
}
