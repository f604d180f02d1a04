export type { AsyncStorage, Delivery, RoomRow, StorageEngine, StorageTx, StoredRoom, StoredUser, SyncStorage, TransactionOptions } from './types';
