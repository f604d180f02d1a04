import type { Insertable, Selectable } from 'kysely';
import type { MessagesTable, RoomsTable, UsersTable } from '../sql/schema';

/**
 * PostgreSQL's text cannot hold U+0000, which user text may contain (SQLite and memory keep it).
 * Free text (message text, people's and rooms' names, avatar URLs) is stored as is, unless it
 * contains U+0000 or begins with the marker: then as the marker followed by its JSON string.
 * Decoding undoes exactly that, so every string reads back equal. Ids never contain either.
 *
 * @example
 * decodeText(encodeText('a\u0000b')); // 'a\u0000b'
 */
const MARKER = '\uFFFF';

export function encodeText(text: string): string {
  return text.includes('\u0000') || text.startsWith(MARKER) ? MARKER + JSON.stringify(text) : text;
}

export function decodeText(stored: string): string {
  return stored.startsWith(MARKER) ? (JSON.parse(stored.slice(MARKER.length)) as string) : stored;
}

const encodeOptional = (text: string | null | undefined) => (typeof text === 'string' ? encodeText(text) : text);
const decodeOptional = (text: string | null) => (text === null ? null : decodeText(text));

/** A message's row as PostgreSQL stores it. */
export const encodeMessageRow = <Row extends Insertable<MessagesTable>>(row: Row): Row => ({ ...row, text: encodeText(row.text) });
/** A message's row as the shared mapping reads it. */
export const decodeMessageRow = <Row extends Selectable<MessagesTable>>(row: Row): Row => ({ ...row, text: decodeText(row.text) });
/** A person's row as PostgreSQL stores it. */
export const encodeUserRow = <Row extends Insertable<UsersTable>>(row: Row): Row => ({ ...row, name: encodeText(row.name), avatar_url: encodeOptional(row.avatar_url) });
/** A person's row as the shared mapping reads it. */
export const decodeUserRow = <Row extends Selectable<UsersTable>>(row: Row): Row => ({ ...row, name: decodeText(row.name), avatar_url: decodeOptional(row.avatar_url) });
/** A room's row (or patch) as PostgreSQL stores it. */
export const encodeRoomRow = <Row extends Partial<Insertable<RoomsTable>>>(row: Row): Row => (row.name === undefined ? row : { ...row, name: encodeText(row.name) });
/** A room's row as the shared mapping reads it. */
export const decodeRoomRow = <Row extends Selectable<RoomsTable>>(row: Row): Row => ({ ...row, name: decodeText(row.name) });
