/**
 * DOM lookups that work inside a shadow root (the script-tag widget renders there). From inside,
 * `document.activeElement` is the shadow host and `document.getElementById` finds nothing; the
 * node's own root (document or shadow root) answers instead.
 */
type Root = Document | ShadowRoot;

function rootOf(node: Node | null | undefined): Root {
  const root = node?.getRootNode?.();
  return root && ('activeElement' in root || 'getElementById' in root) ? (root as Root) : document;
}

/** The focused element in the tree that holds `node`. */
export function activeElementOf(node: Node | null | undefined): Element | null {
  return rootOf(node).activeElement;
}

/** An element by id in the tree that holds `node`. */
export function elementById(node: Node | null | undefined, id: string): HTMLElement | null {
  return rootOf(node).getElementById(id);
}

/** Whether an event happened inside `element`, seen through shadow boundaries. */
export function eventWithin(event: Event, element: Element | null): boolean {
  return element !== null && event.composedPath().includes(element);
}

/**
 * Keeps Tab and Shift+Tab inside a modal: from its last focusable element Tab wraps to the first,
 * and back. Call it from the modal's keydown handler.
 */
export function keepTabInside(event: { key: string; shiftKey: boolean; preventDefault(): void }, container: HTMLElement | null, focusable: string): void {
  if (event.key !== 'Tab' || !container) return;
  const elements = [...container.querySelectorAll<HTMLElement>(focusable)];
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (!first || !last) return;
  const active = activeElementOf(container);
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
