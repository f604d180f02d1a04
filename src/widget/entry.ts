/**
 * The entry of `dist/widget/confab-widget.js`, the script-tag build: defines the global `Confab`
 * function, replays the calls the loader snippet queued, and starts the widget from the script
 * tag's `data-*` attributes when it has them. See the README's "Script tag" section.
 */
import { installGlobal } from './global';
import { currentScript } from './lazy';

installGlobal(window as Window & { Confab?: unknown }, currentScript);
