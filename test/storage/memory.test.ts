import { createMemoryStorage } from '../../src/server';
import { MAX_INDEXED_CANDIDATES } from '../../src/server/storage/wordIndex';
import { describeStorageContract, message, roomRow } from './suite';

describeStorageContract('memory', () => ({
  open: async () => createMemoryStorage(),
  dispose() {},
}));

describe('memory search: word index and scan', () => {
  it('answers alike whether the rarest term is listed by the word index or too common and scanned', () => {
    const storage = createMemoryStorage();
    const count = MAX_INDEXED_CANDIDATES + 50;
    storage.transaction((tx) => {
      tx.insertRoom(roomRow('a', { lastSequence: count }));
      for (let sequence = 1; sequence <= count; sequence++) tx.insertMessage(message('a', sequence, { text: sequence % 1000 === 0 ? `common rare ${sequence}` : `common ${sequence}` }));
    });
    const search = (terms: string[], before?: number) =>
      storage.transaction((tx) => tx.searchMessages({ roomIds: ['a'], terms, excludeAuthorIds: [], limit: 3, ...(before !== undefined ? { before } : {}) }), { readOnly: true });
    // "common" is in every message (scanned); "rare" in one in a thousand (listed).
    expect(search(['common']).map((found) => found.message.sequence)).toEqual([count, count - 1, count - 2]);
    expect(search(['rare']).map((found) => found.message.sequence)).toEqual([20_000, 19_000, 18_000]);
    expect(search(['common', 'rare']).map((found) => found.message.sequence)).toEqual([20_000, 19_000, 18_000]);
    const next = search(['rare'])[2]!.position;
    expect(search(['rare'], next).map((found) => found.message.sequence)).toEqual([17_000, 16_000, 15_000]);
    // An edit is found by its new words only, whichever way.
    storage.transaction((tx) => tx.updateMessage(message('a', 20_000, { text: 'common now', editedAt: 1 })));
    expect(search(['rare'])[0]!.message.sequence).toBe(19_000);
    expect(search(['now']).map((found) => found.message.sequence)).toEqual([20_000]);
    storage.close();
  });
});
