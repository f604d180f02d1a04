/**
 * Open sessions per person, counted in this process (one host per SQLite file). A transaction
 * counts into its own changes, which are applied when it commits and forgotten when it fails.
 *
 * @example
 * const sessions = createSessionCounts();
 * const changes = sessions.changes();
 * changes.open('ana'); // 1
 * changes.commit();
 */
export function createSessionCounts() {
  const counts = new Map<string, number>();
  return {
    changes() {
      const changed = new Map<string, number>();
      const count = (userId: string, step: number) => {
        const next = Math.max(0, (changed.get(userId) ?? counts.get(userId) ?? 0) + step);
        changed.set(userId, next);
        return next;
      };
      return {
        open: (userId: string) => count(userId, 1),
        current: (userId: string) => changed.get(userId) ?? counts.get(userId) ?? 0,
        close: (userId: string) => count(userId, -1),
        commit() {
          for (const [userId, next] of changed) {
            if (next > 0) counts.set(userId, next);
            else counts.delete(userId);
          }
        },
      };
    },
  };
}
