import { ServerContext, type ServerRules } from './context';
import { andThen, type MaybePromise } from './maybe';
import type { DeliveryCause, StorageEngine } from './storage';
import { stageTyping } from './typing';

/**
 * Runs `work` in one storage transaction and publishes the events it caused with it. `readOnly`
 * lets the engine skip locks; `trusted` is the host app's backend acting (see ServerContext);
 * `cause` names the command behind the deliveries, for the host's listeners. Internal to the server.
 *
 * @example
 * const user = await run((ctx) => ctx.tx.getUser('ana'), true);
 */
export type RunInTransaction = <T>(work: (ctx: ServerContext) => T, readOnly?: boolean, trusted?: boolean, cause?: DeliveryCause) => MaybePromise<T>;

/**
 * Binds the transaction runner to one storage and the server's rules (read afresh on every run,
 * so a changed word filter applies to the next command).
 *
 * @example
 * const run = createTransactionRunner(storage, rules);
 */
export function createTransactionRunner(storage: StorageEngine, rules: ServerRules): RunInTransaction {
  return function run<T>(work: (ctx: ServerContext) => T, readOnly = false, trusted = false, cause?: DeliveryCause): MaybePromise<T> {
    // An engine may run the work again from the start (PostgreSQL, once it has loaded what the
    // work missed). Ids drawn by an earlier attempt are drawn again, in order, so the rerun asks
    // storage the same questions (`getMessage(room, id)` for a fresh id) and finds them answered.
    const drawn: string[] = [];
    // Typing notices live on this host, outside storage: each attempt stages its changes, and
    // the attempt that committed applies them, once (a rerun or a rollback changes nothing).
    let typing: ReturnType<typeof stageTyping> | undefined;
    const result = storage.transaction(
      (tx) => {
        let nextDrawn = 0;
        const generateId = (kind: 'room' | 'message'): string => {
          if (nextDrawn === drawn.length) drawn.push(rules.generateId(kind));
          return drawn[nextDrawn++]!;
        };
        typing = stageTyping(rules.typing);
        const ctx = new ServerContext(tx, { ...rules, generateId, typing }, trusted);
        const value = work(ctx);
        const outbox = ctx.takeOutbox();
        if (cause) for (const delivery of outbox) delivery.cause = cause;
        if (outbox.length > 0) tx.publish(outbox);
        return value;
      },
      { readOnly },
    ) as MaybePromise<T>;
    return andThen(result, (value) => {
      typing?.commit();
      return value;
    });
  };
}
