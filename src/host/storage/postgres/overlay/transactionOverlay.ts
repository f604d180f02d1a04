import type { Delivery, StorageTx } from '../../../../server';
import { copy } from './attempt';
import { RecordReadsWrites } from './recordReadsWrites';

/**
 * StorageTx over what one transaction has loaded, with this attempt's writes recorded and applied
 * to its own reads. A read of anything not loaded throws a MissSignal (remembered in `missed`, in
 * case the work catches it); writes to a room or a person load them first, so every write lands
 * on a whole, current value (rooms are loaded with their row locked unless the transaction only
 * reads).
 *
 * @example
 * const overlay = new TransactionOverlay(loaded);
 * try { work(overlay); } catch (error) { if (overlay.missed) await load(overlay.missed); }
 * await flush(overlay.writes);
 */
export class TransactionOverlay extends RecordReadsWrites implements StorageTx {
  // The last layer: a person's open sessions (presence across hosts) and the deliveries to publish on commit.

  openSession(userId: string): number {
    return this.changeSessions(userId, 1);
  }

  closeSession(userId: string): number {
    return this.changeSessions(userId, -1);
  }

  countSessions(userId: string): number {
    if (!this.loaded.sessions.has(userId)) this.miss({ kind: 'sessions', userId });
    return Math.max(0, (this.loaded.sessions.get(userId) ?? 0) + (this.sessionChanges.get(userId) ?? 0));
  }

  listOnlineUsers(page: { afterId?: string; limit: number }): string[] {
    // People this attempt changed answer as it left them.
    const stored = this.query<string[]>({ kind: 'listOnlineUsers', afterId: page.afterId, limit: page.limit + this.users.size });
    const online = new Set(stored.filter((id) => !this.deletedUsers.has(id) && !this.users.has(id)));
    for (const [id, written] of this.users) if (written.user.presence.state === 'online' && (page.afterId === undefined || id > page.afterId)) online.add(id);
    return [...online].sort().slice(0, page.limit);
  }

  private changeSessions(userId: string, change: number): number {
    if (!this.loaded.sessions.has(userId)) this.miss({ kind: 'sessions', userId });
    const total = (this.sessionChanges.get(userId) ?? 0) + change;
    this.sessionChanges.set(userId, total);
    this.writes.push({ kind: 'sessions', userId, change });
    return Math.max(0, (this.loaded.sessions.get(userId) ?? 0) + total);
  }

  publish(deliveries: readonly Delivery[]): void {
    this.deliveries.push(...copy(deliveries));
  }
}
