/**
 * Where a popover of `anchor` is portalled: the nearest Confab root (`.confab-root`, which carries
 * the theme, the direction and the tokens), else the anchor's shadow root, else the document's
 * body. Outside the message list's and the panes' `overflow`, so nothing clips it; inside the
 * widget's shadow root, so its styles apply and the page's do not.
 *
 * @example
 * createPortal(popover, portalTargetFor(button));
 */
export function portalTargetFor(anchor: Element): Element | ShadowRoot {
  const root = anchor.closest('.confab-root');
  if (root) return root;
  const node = anchor.getRootNode();
  if (typeof ShadowRoot !== 'undefined' && node instanceof ShadowRoot) return node;
  return anchor.ownerDocument.body;
}
