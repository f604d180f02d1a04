/**
 * The composer and its parts: suggestions (`@mentions`, `:shortcodes:`), file drop and paste,
 * uploads, auto-grow, drafts, the send rules, the emoji button. Each part is usable and testable
 * on its own; `Composer` puts them together.
 */
export { Composer, type ComposerProps } from './Composer';
export { EditBar, QuoteBar, type EditBarProps, type QuoteBarProps } from './bars';
