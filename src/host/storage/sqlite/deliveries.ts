import type { Delivery } from '../../../server';

/**
 * This process's subscribers of one storage, and the hand-over of committed deliveries to them.
 *
 * Deliveries committed while subscribers are still busy with earlier ones (a subscriber that runs
 * a transaction of its own) wait their turn, so every subscriber sees commit order. A subscriber
 * that throws is reported and the others still receive the deliveries: the transaction committed,
 * so its caller must not be told it failed.
 *
 * @example
 * const fanOut = createDeliveryFanOut((error) => console.error(error));
 * const unsubscribe = fanOut.subscribe((deliveries) => send(deliveries));
 * fanOut.deliver(committedDeliveries);
 */
export function createDeliveryFanOut(onListenerError: (error: unknown) => void) {
  const listeners = new Set<(deliveries: readonly Delivery[]) => void>();
  const queue: (readonly Delivery[])[] = [];
  let delivering = false;
  return {
    subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void {
      // Wrapped, so the same function subscribed twice is two subscriptions.
      const own = (deliveries: readonly Delivery[]) => listener(deliveries);
      listeners.add(own);
      return () => {
        listeners.delete(own);
      };
    },
    deliver(deliveries: readonly Delivery[]): void {
      if (deliveries.length === 0) return;
      queue.push(deliveries);
      if (delivering) return;
      delivering = true;
      try {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          for (const listener of [...listeners]) {
            try {
              listener(next);
            } catch (error) {
              onListenerError(error);
            }
          }
        }
      } finally {
        delivering = false;
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
