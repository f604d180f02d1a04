import { cloneJson } from '../../clone';
import { compareRecordAddresses, type RecordEntry, type RecordKind, type RecordTypes, type StoredRecord } from '../records';
import type { StorageTx } from '../types';
import type { MemoryState } from './state';

/**
 * Records (see ../records.ts): values by kind, scope and key.
 *
 * @example
 * const tx = { ...memoryRecords(createMemoryState()) };
 */
export function memoryRecords(state: MemoryState): Pick<StorageTx, 'getRecord' | 'listRecords' | 'putRecord' | 'deleteRecord' | 'deleteRecords' | 'listAllRecords'> {
  const { records, remember } = state;
  return {
    getRecord<K extends RecordKind>(kind: K, scope: string, key: string) {
      const value = records.get(`${kind} ${scope}`)?.get(key);
      return value === undefined ? undefined : (cloneJson(value) as RecordTypes[K]);
    },
    listRecords<K extends RecordKind>(kind: K, scope: string, { afterKey, limit }: { afterKey?: string; limit: number }) {
      const scoped = records.get(`${kind} ${scope}`);
      if (!scoped) return [];
      return [...scoped.keys()]
        .filter((key) => afterKey === undefined || key > afterKey)
        .sort()
        .slice(0, limit)
        .map((key) => ({ key, value: cloneJson(scoped.get(key)) as RecordTypes[K] }) satisfies StoredRecord<K>);
    },
    putRecord(kind, scope, key, value) {
      const scopeKey = `${kind} ${scope}`;
      let scoped = records.get(scopeKey);
      if (!scoped) records.set(scopeKey, (scoped = new Map()));
      const target = scoped;
      const had = target.has(key);
      const previous = target.get(key);
      target.set(key, cloneJson(value));
      remember(() => (had ? target.set(key, previous) : target.delete(key)));
    },
    deleteRecord(kind, scope, key) {
      const scoped = records.get(`${kind} ${scope}`);
      if (!scoped?.has(key)) return;
      const previous = scoped.get(key);
      scoped.delete(key);
      remember(() => scoped.set(key, previous));
    },
    deleteRecords(kind, scope) {
      const scopeKey = `${kind} ${scope}`;
      const scoped = records.get(scopeKey);
      if (!scoped) return;
      records.delete(scopeKey);
      remember(() => records.set(scopeKey, scoped));
    },
    listAllRecords({ after, limit }) {
      // A scan of every record: the memory engine serves tests and pages, not large stores.
      const out: RecordEntry[] = [];
      for (const [scopeKey, scoped] of records) {
        const [kind, scope] = scopeKey.split(' ') as [string, string];
        for (const [key, value] of scoped) {
          const entry = { kind, scope, key, value };
          if (after === undefined || compareRecordAddresses(entry, after) > 0) out.push(entry);
        }
      }
      return out
        .sort(compareRecordAddresses)
        .slice(0, limit)
        .map((entry) => ({ ...entry, value: cloneJson(entry.value) }));
    },
  };
}
