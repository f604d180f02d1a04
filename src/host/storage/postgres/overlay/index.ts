// The PostgreSQL engine's view of one transaction: what it loaded, what the work missed, and the
// overlay of the work's own writes. The overlay's layers (reads, writes, records) stay private.
export type { Write } from './changes';
export { clientIdKey, LoadedState, messageKey, queryKey, recordKey } from './loaded';
export { MissSignal, type FoundRow, type MessageRow, type Miss, type Query } from './misses';
export { TransactionOverlay } from './transactionOverlay';
