export { createMemoryStorage, type MemoryStorageOptions } from './memory';
export { randomEpoch } from './epoch';
export type { AsyncStorage, Delivery, DeliveryCause, DirectPair, FoundMessage, HostEvent, MessageSearch, RoomPatch, RoomRow, StorageEngine, StorageTx, StoredRoom, StoredUser, SyncStorage, TransactionOptions } from './types';
export type { RecordAddress, RecordEntry, RecordKind, RecordTypes, StoredRecord } from './records';
export { compareRecordAddresses } from './records';
