import { compareRecordAddresses, type RecordAddress, type RecordEntry } from '../../../../server';
import type { RecordKind, RecordTypes, StoredRecord } from '../../../../server';
import { copy } from './attempt';
import { EntityWrites } from './entityWrites';
import { keyOf, recordKey } from './loaded';

/** Records (see src/server/storage/records.ts): reads with this attempt's puts and deletes applied, and those writes. */
export abstract class RecordReadsWrites extends EntityWrites {
  getRecord<K extends RecordKind>(kind: K, scope: string, key: string): RecordTypes[K] | undefined {
    const scopeKey = keyOf(kind, scope);
    const written = this.records.get(scopeKey);
    if (written?.has(key)) return copy(written.get(key)) as RecordTypes[K] | undefined;
    if (this.clearedScopes.has(scopeKey)) return undefined;
    const loadedKey = recordKey(kind, scope, key);
    if (!this.loaded.records.has(loadedKey)) this.miss({ kind: 'record', recordKind: kind, scope, key });
    const stored = this.loaded.records.get(loadedKey);
    return stored === null || stored === undefined ? undefined : (copy(stored) as RecordTypes[K]);
  }

  listRecords<K extends RecordKind>(kind: K, scope: string, page: { afterKey?: string; limit: number }): StoredRecord<K>[] {
    if (page.limit <= 0) return [];
    const scopeKey = keyOf(kind, scope);
    const written = this.records.get(scopeKey) ?? new Map<string, unknown>();
    const byKey = new Map<string, unknown>();
    if (!this.clearedScopes.has(scopeKey)) {
      // Records this attempt deleted leave the stored page: load as many more as it wrote.
      const stored = this.query<{ key: string; value: unknown }[]>({ kind: 'listRecords', recordKind: kind, scope, afterKey: page.afterKey, limit: page.limit + written.size });
      for (const record of stored) byKey.set(record.key, record.value);
    }
    for (const [key, value] of written) {
      if (page.afterKey !== undefined && key <= page.afterKey) continue;
      if (value === undefined) byKey.delete(key);
      else byKey.set(key, value);
    }
    return [...byKey.keys()]
      .sort()
      .slice(0, page.limit)
      .map((key) => ({ key, value: copy(byKey.get(key)) as RecordTypes[K] }));
  }

  putRecord<K extends RecordKind>(kind: K, scope: string, key: string, value: RecordTypes[K]): void {
    this.writtenRecords(kind, scope).set(key, copy(value));
    this.writes.push({ kind: 'putRecord', recordKind: kind, scope, key, value: copy(value) });
  }

  deleteRecord(kind: RecordKind, scope: string, key: string): void {
    this.writtenRecords(kind, scope).set(key, undefined);
    this.writes.push({ kind: 'deleteRecord', recordKind: kind, scope, key });
  }

  deleteRecords(kind: RecordKind, scope: string): void {
    const scopeKey = keyOf(kind, scope);
    this.records.delete(scopeKey);
    this.clearedScopes.add(scopeKey);
    this.writes.push({ kind: 'deleteRecords', recordKind: kind, scope });
  }

  listAllRecords(page: { after?: RecordAddress; limit: number }): RecordEntry[] {
    if (page.limit <= 0) return [];
    // Only export reads this, in a transaction of its own: this attempt's writes need not be merged.
    if (this.records.size > 0 || this.clearedScopes.size > 0) throw new Error('listAllRecords: not supported after writing records in the same transaction.');
    const stored = this.query<RecordEntry[]>({ kind: 'listAllRecords', afterKind: page.after?.kind, afterScope: page.after?.scope, afterKey: page.after?.key, limit: page.limit });
    return stored.filter((entry) => page.after === undefined || compareRecordAddresses(entry, page.after) > 0).map(copy);
  }

  private writtenRecords(kind: string, scope: string): Map<string, unknown> {
    const scopeKey = keyOf(kind, scope);
    let written = this.records.get(scopeKey);
    if (!written) this.records.set(scopeKey, (written = new Map()));
    return written;
  }
}
