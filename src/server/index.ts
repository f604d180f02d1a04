/**
 * The in-memory reference server: a pure state machine over the protocol. It runs in a browser tab
 * (playground, stories, tests) and in Node (behind a socket). No I/O, no DOM, no timers.
 *
 * @packageDocumentation
 */
export { createReferenceServer } from './server';
export { DEFAULT_FLOOD_LIMIT } from './flood';
export type { FloodLimit, ReferenceServer, ReferenceServerOptions, ServerSession, WordFilter } from './types';
