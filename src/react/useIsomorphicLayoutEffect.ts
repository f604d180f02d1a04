import { useEffect, useLayoutEffect } from 'react';

/**
 * `useLayoutEffect` in a browser, `useEffect` where there is no DOM. Layout effects measure and
 * adjust the DOM before paint; on a server there is no DOM and neither effect runs, but React 18
 * warns "useLayoutEffect does nothing on the server" for every call during `renderToString`. So a
 * server render of the components is a shell (markup without measurements, no data until the
 * client connects), and the measuring happens after hydration.
 *
 * @example
 * useIsomorphicLayoutEffect(() => {
 *   element.current?.scrollIntoView();
 * }, [messageId]);
 */
export const useIsomorphicLayoutEffect: typeof useLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
