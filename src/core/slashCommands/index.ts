export { commandQuery, parseDraft, type ParsedDraft } from './parse';
export { BUILT_IN_COMMANDS, matchCommands, roomCommands, type SlashCommandSpec } from './registry';
export { inviteeOf, runSlashCommand, SHRUG, type SlashCommandHost, type SlashInvocation, type SlashOutcome } from './run';
