import { createMemoryStorage } from '../../src/server';
import { describeStorageContract } from './suite';

describeStorageContract('memory', () => ({
  open: async () => createMemoryStorage(),
  dispose() {},
}));
