// The entities of the wire contract, one family per file; `./entities` and the protocol's public
// index export them all, as the single entities.ts did.
export * from './primitives';
export * from './users';
export * from './rooms';
export * from './messages';
export * from './linkPreviews';
export * from './cursors';
export * from './roomSettings';
export * from './session';
