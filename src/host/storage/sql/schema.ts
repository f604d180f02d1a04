/**
 * The tables of Confab's SQL storage as Kysely sees them: one schema for SQLite and PostgreSQL.
 *
 * Conventions that let one schema serve both:
 * - JSON (attachments, mentions, reactions, custom data) is TEXT, parsed in `rows.ts`.
 * - Timestamps are milliseconds since the epoch in BIGINT columns; sequences are BIGINT too.
 *   PostgreSQL's driver answers BIGINT as a string, SQLite's as a number: `rows.ts` reads both.
 * - Ids are TEXT compared byte by byte (PostgreSQL columns say `collate "C"`), so "by id ascending"
 *   is the same order in every engine, the memory one included.
 * - Optional fields are NULL columns.
 * - Fields a feature adds to an entity that no query filters or sorts on live in the entity's
 *   `extra` column (JSON text of those fields, NULL when there are none), made by 0004: `rows.ts`
 *   puts every field it has no column for there, so a new optional field of Message, Room, User or
 *   RoomMember needs no migration. A field a query must filter on gets a column of its own.
 *
 * Later migrations add tables (uploads, the webhook queue, admin indexes) without touching these.
 *
 * @example
 * const db = new Kysely<SqlDatabase>({ dialect });
 * await db.selectFrom('messages').selectAll().where('room_id', '=', 'general').execute();
 */
export interface SqlDatabase {
  meta: MetaTable;
  users: UsersTable;
  blocks: BlocksTable;
  rooms: RoomsTable;
  members: MembersTable;
  cursors: CursorsTable;
  direct_pairs: DirectPairsTable;
  messages: MessagesTable;
  records: RecordsTable;
}

/** A BIGINT as it comes back: a number from SQLite, a string from PostgreSQL. */
export type BigIntColumn = number | string;

/**
 * Global facts of one database, one row each: `epoch` names its history (random, made with the
 * database by 0001_initial). Later migrations keep other global settings here.
 *
 * @example
 * const { value: epoch } = await db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow();
 */
export interface MetaTable {
  key: string;
  value: string;
}

/** A person: the profile with presence flattened into two columns. */
export interface UsersTable {
  id: string;
  name: string;
  avatar_url: string | null;
  /** JSON text of `User.customData`. */
  custom_data: string | null;
  presence_state: 'online' | 'offline';
  presence_last_seen_at: BigIntColumn | null;
  /** JSON text of the fields without a column of their own (0004); NULL when none. */
  extra: string | null;
}

/** Whom a person blocks; `position` keeps the order they blocked them in. */
export interface BlocksTable {
  user_id: string;
  blocked_id: string;
  position: number;
}

/** A room's own row; members and cursors live in their tables. */
export interface RoomsTable {
  id: string;
  name: string;
  kind: 'public' | 'private' | 'direct';
  created_by: string;
  created_at: BigIntColumn;
  /** JSON text of `Room.customData`. */
  custom_data: string | null;
  last_activity_at: BigIntColumn;
  /** Sequence of the room's newest message, 0 when empty. */
  last_sequence: BigIntColumn;
  /** JSON text of the fields without a column of their own (0004); NULL when none. */
  extra: string | null;
}

/**
 * A member of a room. `join_order` rises with every join across the whole database, so it orders
 * a room's members and a person's rooms alike.
 */
export interface MembersTable {
  room_id: string;
  user_id: string;
  role: 'admin' | 'member';
  joined_at: BigIntColumn;
  join_order: BigIntColumn;
  /** JSON text of the fields without a column of their own (0004); NULL when none. */
  extra: string | null;
}

/** How far a member has read. `set_order` rises with every new cursor: a room lists its cursors in the order they were first set. */
export interface CursorsTable {
  room_id: string;
  user_id: string;
  sequence: BigIntColumn;
  updated_at: BigIntColumn;
  set_order: BigIntColumn;
}

/** The direct room of two people; `user_low` < `user_high` byte by byte. */
export interface DirectPairsTable {
  user_low: string;
  user_high: string;
  room_id: string;
}

/** A message; its key is (room_id, sequence). */
export interface MessagesTable {
  room_id: string;
  sequence: BigIntColumn;
  id: string;
  client_id: string;
  author_id: string;
  text: string;
  /** JSON text of `Message.attachments`. */
  attachments: string;
  /** JSON text of `Message.mentions`. */
  mentions: string;
  parent_id: string | null;
  quoted_id: string | null;
  /** JSON text of `Message.reactions`. */
  reactions: string;
  reply_count: number;
  last_reply_at: BigIntColumn | null;
  /** JSON text of `Message.customData`. */
  custom_data: string | null;
  created_at: BigIntColumn;
  edited_at: BigIntColumn | null;
  deleted_at: BigIntColumn | null;
  /** JSON text of the fields without a column of their own (0004); NULL when none. */
  extra: string | null;
}

/**
 * A record (see the server's `storage/records.ts`): a feature's JSON value named by kind, scope
 * and key (0004).
 */
export interface RecordsTable {
  kind: string;
  scope: string;
  key: string;
  /** JSON text of the value. */
  value: string;
}

/** The SQL engines this schema serves. */
export type SqlDialectName = 'sqlite' | 'postgres';
