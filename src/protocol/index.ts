/**
 * The wire contract shared by every client and server: entities, commands, events, errors,
 * limits and the schemas that validate them. Imports nothing else of Confab's.
 *
 * @packageDocumentation
 * @module confab/protocol
 */
export * from './entities';
export * from './commands';
export * from './events';
export * from './errors';
export * from './limits';
export * from './frames';
export * from './closeCodes';
export * from './fileNames';
export * from './search';
export * from './moderation';
export * from './polls';
export * from './slashCommands';
