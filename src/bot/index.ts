/**
 * The bot kit: a bot is a user of the chat, connected over the WebSocket transport (or any
 * transport), that hears messages, mentions and slash commands and answers by sending, or by
 * streaming a reply from any async iterator of text (a model's token stream). Server-side code:
 * it needs a token or the host's admin key, never shipped to a browser.
 *
 * @packageDocumentation
 * @module confab/bot
 */
export { adminUrlOf, createBot, isAddressedTo, isForBot, type Bot, type BotOptions } from './createBot';
export { commandInvocationOf, type BotCommandSpec, type CommandInvocation } from './commands';
export { nextPiece } from './pieces';
export { streamReply, type ActiveStreams, type BotReply, type ReplySource } from './reply';
export { StreamWriter, type StreamLink, type StreamTarget } from './streamWriter';
