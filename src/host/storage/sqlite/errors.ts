import { ChatError } from '../../../protocol';

/** The `code` better-sqlite3 gives its errors (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, …), or undefined. */
function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why the database at `file` cannot be opened, as a ChatError `unavailable` with a sentence that
 * says what to do. Whatever better-sqlite3 threw stays as the cause.
 *
 * @example
 * throw openFailure('/data/confab.db', error);
 */
export function openFailure(file: string, error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  const code = sqliteCode(error) ?? '';
  const reason = reasonOf(error);
  let message: string;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    message = `The database at ${file} is in use by another confab-server process; stop that one first, or give this one its own --data folder.`;
  } else if (code === 'SQLITE_NOTADB') {
    message = `The file at ${file} is not a confab database (${reason}); point --data at a confab data folder, or move the file away.`;
  } else if (code.startsWith('SQLITE_CORRUPT')) {
    message = `The database at ${file} is damaged (${reason}); restore a backup.`;
  } else if (code.startsWith('SQLITE_FULL')) {
    message = `The database at ${file} cannot be opened: the disk is full (${reason}); free some space and start again.`;
  } else if (code.startsWith('SQLITE_READONLY')) {
    message = `The database at ${file} cannot be opened for writing (${reason}); let this process write to its folder.`;
  } else {
    message = `The database at ${file} cannot be opened (${reason}); check that its folder exists and that this process may write there.`;
  }
  return new ChatError('unavailable', message, { cause: error });
}

/**
 * A failure of the disk or the database file during a transaction, as a ChatError `unavailable`
 * (the transaction was rolled back: nothing of it is stored, so retrying later is safe). Anything
 * else (a ChatError from the rules, a bug) is returned unchanged.
 *
 * @example
 * catch (error) { throw storageFailure(file, error); }
 */
export function storageFailure(file: string, error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const reason = reasonOf(error);
  const what = (sentence: string) => new ChatError('unavailable', `The database at ${file} ${sentence} (${reason}); nothing of this change was stored, retry later.`, { cause: error });
  if (code.startsWith('SQLITE_FULL')) return what('is full: the disk or its size limit has no room left');
  if (code.startsWith('SQLITE_READONLY')) return what('has become read-only');
  if (code.startsWith('SQLITE_IOERR')) return what('could not be written: the disk reported an error');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return what('is locked by another process');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return what('is damaged; restore a backup');
  if (code.startsWith('SQLITE_CANTOPEN')) return what('can no longer be reached');
  if (code === 'SQLITE_NOMEM') return what('ran out of memory');
  return error;
}
