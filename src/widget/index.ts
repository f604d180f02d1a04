/**
 * The script-tag widget: a launcher bubble and a chat panel in a shadow root, for any web page.
 * `mount(element, options) → unmount` is the core; the script-tag build (`entry.ts`, built to
 * `dist/widget/confab-widget.js`) wraps it in the global `Confab(…)` command function and reads
 * `data-*` attributes. Nothing imports this layer.
 *
 * @example
 * const unmount = mount(document.body, { demo: true, open: true });
 * unmount.on('message', ({ message }) => console.log(message.text));
 * unmount();
 *
 * @packageDocumentation
 */
export { mount, type MountedWidget, type WidgetControls, type WidgetListener } from './mount';
export { installGlobal, type ConfabCommand, type ConfabGlobal } from './global';
export {
  DEFAULT_LABELS,
  optionsFromDataset,
  resolveOptions,
  type WidgetEventName,
  type WidgetEvents,
  type WidgetLabels,
  type WidgetOptions,
  type WidgetPosition,
  type WidgetTheme,
  type WidgetThemeMode,
  type WidgetUser,
} from './options';
export { hostEndpoints } from './session';
