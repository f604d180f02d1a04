export { createMemoryStorage, type MemoryStorageOptions } from './memory';
export { randomEpoch } from './epoch';
export type { AsyncStorage, Delivery, DeliveryCause, DirectPair, RoomRow, StorageEngine, StorageTx, StoredRoom, StoredUser, SyncStorage, TransactionOptions } from './types';
