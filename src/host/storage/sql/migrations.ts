/// <reference types="node" />
import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Expression, type Kysely, type Migration } from 'kysely';
import { ChatError } from '../../../protocol';
import type { SqlDatabase, SqlDialectName } from './schema';

/** Where Kysely's Migrator records which migrations ran (prefixed: a PostgreSQL database may be shared with the app's own). */
export const MIGRATION_TABLE = 'confab_migration';
export const MIGRATION_LOCK_TABLE = 'confab_migration_lock';

/** The tables the migrations make (and the later ones will): finding one not made by us means another program's database. */
const OWN_TABLES = new Set(['meta', 'users', 'blocks', 'rooms', 'members', 'cursors', 'direct_pairs', 'messages', 'records', 'webhook_endpoints', 'webhook_queue', 'webhook_attempts']);

/** Ids compare byte by byte in every engine, so "by id ascending" means one order everywhere. */
function idType(dialect: SqlDialectName): Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
}

/**
 * The first schema: people, blocks, rooms, members, cursors, direct pairs, messages, and the meta
 * row holding the epoch (made here, once, with the database).
 */
function initial(dialect: SqlDialectName): Migration {
  const id = idType(dialect);
  return {
    async up(db) {
      await db.schema
        .createTable('meta')
        .addColumn('key', id, (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.insertInto('meta').values({ key: 'epoch', value: randomUUID() }).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('avatar_url', 'text')
        .addColumn('custom_data', 'text')
        .addColumn('presence_state', 'text', (c) => c.notNull())
        .addColumn('presence_last_seen_at', 'bigint')
        .execute();

      await db.schema
        .createTable('blocks')
        .addColumn('user_id', id, (c) => c.notNull())
        .addColumn('blocked_id', id, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('blocks_pk', ['user_id', 'blocked_id'])
        .execute();
      // Who blocks a person (their messages and typing are hidden from those).
      await db.schema.createIndex('blocks_blocked').on('blocks').columns(['blocked_id', 'user_id']).execute();

      await db.schema
        .createTable('rooms')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_by', id, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('custom_data', 'text')
        .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
        .addColumn('last_sequence', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      // Public rooms by id (listPublicRooms, the admin listing).
      await db.schema.createIndex('rooms_kind_id').on('rooms').columns(['kind', 'id']).execute();

      await db.schema
        .createTable('members')
        .addColumn('room_id', id, (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('user_id', id, (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addColumn('join_order', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('members_pk', ['room_id', 'user_id'])
        .execute();
      // A person's rooms in the order they joined them; the audience of a person.
      await db.schema.createIndex('members_user').on('members').columns(['user_id', 'join_order']).execute();
      // The next join_order is max + 1: an index makes that a single step.
      await db.schema.createIndex('members_join_order').on('members').column('join_order').execute();

      await db.schema
        .createTable('cursors')
        .addColumn('room_id', id, (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('user_id', id, (c) => c.notNull())
        .addColumn('sequence', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('set_order', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cursors_pk', ['room_id', 'user_id'])
        .execute();
      // A room's cursors are listed in the order they were first set; the next is max + 1.
      await db.schema.createIndex('cursors_set_order').on('cursors').column('set_order').execute();

      await db.schema
        .createTable('direct_pairs')
        .addColumn('user_low', id, (c) => c.notNull())
        .addColumn('user_high', id, (c) => c.notNull())
        .addColumn('room_id', id, (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('direct_pairs_pk', ['user_low', 'user_high'])
        .execute();
      await db.schema.createIndex('direct_pairs_room').on('direct_pairs').column('room_id').execute();

      await db.schema
        .createTable('messages')
        .addColumn('room_id', id, (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('sequence', 'bigint', (c) => c.notNull())
        .addColumn('id', id, (c) => c.notNull())
        .addColumn('client_id', id, (c) => c.notNull())
        .addColumn('author_id', id, (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addColumn('mentions', 'text', (c) => c.notNull())
        .addColumn('parent_id', id)
        .addColumn('quoted_id', id)
        .addColumn('reactions', 'text', (c) => c.notNull())
        .addColumn('reply_count', 'integer', (c) => c.notNull())
        .addColumn('last_reply_at', 'bigint')
        .addColumn('custom_data', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('edited_at', 'bigint')
        .addColumn('deleted_at', 'bigint')
        .addPrimaryKeyConstraint('messages_pk', ['room_id', 'sequence'])
        .addUniqueConstraint('messages_id', ['room_id', 'id'])
        // The idempotency lookup: one message per (room, author, client id).
        .addUniqueConstraint('messages_client_id', ['room_id', 'author_id', 'client_id'])
        .execute();
      // One index serves history pages and thread pages: `parent_id is null` (top level) and
      // `parent_id = ?` (replies) are both equalities on its second column, so either page is one
      // range of it, newest first, never reading the other kind. (A partial index of top-level
      // messages would be a second copy of half of it: EXPLAIN picks this one anyway.)
      await db.schema.createIndex('messages_parent_sequence').on('messages').columns(['room_id', 'parent_id', 'sequence']).execute();
    },
  };
}

/**
 * A person's messages in room and sequence order: deleting a person turns each of them into a
 * tombstone, and a person's export reads them, a page at a time, without scanning every message.
 */
function messagesByAuthor(): Migration {
  return {
    async up(db) {
      await db.schema.createIndex('messages_author').on('messages').columns(['author_id', 'room_id', 'sequence']).execute();
    },
  };
}

/**
 * Webhooks (see src/host/webhooks): the endpoints made through the admin API, the durable queue of
 * deliveries (one per endpoint and event: hosts sharing the database queue an event once), and the
 * log of attempts. Times are ms since the epoch.
 */
function webhooks(dialect: SqlDialectName): Migration {
  const id = idType(dialect);
  return {
    async up(db) {
      await db.schema
        .createTable('webhook_endpoints')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_queue')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('endpoint_id', id, (c) => c.notNull())
        .addColumn('event_id', id, (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('webhook_queue_event', ['endpoint_id', 'event_id'])
        .execute();
      // What is due for an endpoint, oldest first; and the depth of the queue.
      await db.schema.createIndex('webhook_queue_due').on('webhook_queue').columns(['endpoint_id', 'state', 'next_attempt_at']).execute();

      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', id, (c) => c.primaryKey())
        .addColumn('delivery_id', id, (c) => c.notNull())
        .addColumn('endpoint_id', id, (c) => c.notNull())
        .addColumn('event_id', id, (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_attempts_endpoint_at').on('webhook_attempts').columns(['endpoint_id', 'at']).execute();
      await db.schema.createIndex('webhook_attempts_at').on('webhook_attempts').column('at').execute();
    },
  };
}

/**
 * Extension fields and records: an `extra` JSON column on users, rooms, members and messages for
 * the fields features add without a column of their own, and the `records` table of values kept
 * by (kind, scope, key). Both are how features grow without a migration each.
 */
function extensions(dialect: SqlDialectName): Migration {
  const id = idType(dialect);
  return {
    async up(db) {
      for (const table of ['users', 'rooms', 'members', 'messages'] as const) {
        await db.schema.alterTable(table).addColumn('extra', 'text').execute();
      }
      await db.schema
        .createTable('records')
        .addColumn('kind', id, (c) => c.notNull())
        .addColumn('scope', id, (c) => c.notNull())
        .addColumn('key', id, (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pk', ['kind', 'scope', 'key'])
        .execute();
      // People stored as online, for the presence sweep after a host died.
      await db.schema.createIndex('users_presence').on('users').columns(['presence_state', 'id']).execute();
    },
  };
}

/** Accented Latin letters and the letters they fold to: PostgreSQL's side of `foldText` (its `unaccent` is an extension a host may not have). */
export const POSTGRES_FOLD_FROM = 'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎďÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĥÌÍÎÏĨĪĬĮİìíîïĩīĭįĴĵĶķĹĻĽĺļľÑŃŅŇñńņňÒÓÔÕÖŌŎŐòóôõöōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤţťÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž';
export const POSTGRES_FOLD_TO = 'AAAAAAAAAaaaaaaaaaCCCCCcccccDdEEEEEEEEEeeeeeeeeeGGGGggggHhIIIIIIIIIiiiiiiiiJjKkLLLlllNNNNnnnnOOOOOOOOooooooooRRRrrrSSSSssssTTttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz';

/**
 * Full-text search of messages (`searchMessages`). SQLite: an external-content FTS5 table over
 * `messages.text` and `room_id` (unicode61, diacritics removed, prefix indexes), kept in step by
 * triggers, filled once from the messages already there; its rowid is the message row's, which is
 * also the search position (nothing in confab-server runs VACUUM, which could renumber it; after
 * one, `INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')` mends the index). PostgreSQL:
 * a search position column (an identity, so rising in the order messages are stored) and a GIN
 * index on the `simple` tsvector of the folded text.
 */
function search(dialect: SqlDialectName): Migration {
  return {
    async up(db) {
      if (dialect === 'sqlite') {
        // Prefix indexes for 1 to 8 characters: a prefix query of up to 8 reads one doclist lazily,
        // newest first, instead of merging every word it starts (tens of ms for a common word).
        // room_id is indexed too, so a search of a few rooms is narrowed inside the index.
        await sql`CREATE VIRTUAL TABLE messages_fts USING fts5(text, room_id, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8')`.execute(db);
        await sql`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
          INSERT INTO messages_fts(rowid, text, room_id) VALUES (new.rowid, new.text, new.room_id);
        END`.execute(db);
        await sql`CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          INSERT INTO messages_fts(messages_fts, rowid, text, room_id) VALUES ('delete', old.rowid, old.text, old.room_id);
        END`.execute(db);
        // Reactions and replies rewrite the row too: only a changed text touches the index.
        await sql`CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages WHEN old.text IS NOT new.text BEGIN
          INSERT INTO messages_fts(messages_fts, rowid, text, room_id) VALUES ('delete', old.rowid, old.text, old.room_id);
          INSERT INTO messages_fts(rowid, text, room_id) VALUES (new.rowid, new.text, new.room_id);
        END`.execute(db);
        await sql`INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')`.execute(db);
        return;
      }
      await sql`CREATE FUNCTION confab_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT lower(translate(value, ${sql.lit(POSTGRES_FOLD_FROM)}, ${sql.lit(POSTGRES_FOLD_TO)})) $$`.execute(db);
      await sql`ALTER TABLE messages ADD COLUMN search_position bigint GENERATED ALWAYS AS IDENTITY`.execute(db);
      await sql`CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple'::regconfig, confab_search_fold(text)))`.execute(db);
    },
  };
}

/**
 * Search, newest first without ranking every match (PostgreSQL only; SQLite's FTS5 index is read
 * newest first already): B-tree indexes on the search position, alone and within a room, so that
 * for a common word the planner walks messages from the newest and keeps those whose tsvector
 * matches, stopping at the page's limit, where the GIN index would fetch and sort every match (a
 * word in a third of a million messages: ~0.7 s). Rare words still go through the GIN index; the
 * planner tells them apart by the word statistics ANALYZE keeps for the GIN index's expression.
 * Measured with `ONLY=postgres npm run bench:search`.
 */
function searchNewestFirst(dialect: SqlDialectName): Migration {
  return {
    async up(db) {
      if (dialect !== 'postgres') return;
      // The same fold, skipping translate() for text that is all ASCII (most of it): translate over
      // these 200-letter lists costs ~125 µs a message, which a newest-first walk pays per row it
      // reads. Same results, so the GIN index built with the first body stays valid.
      await sql`CREATE OR REPLACE FUNCTION confab_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT lower(CASE WHEN value ~ '^[\\x01-\\x7f]*$' THEN value ELSE translate(value, ${sql.lit(POSTGRES_FOLD_FROM)}, ${sql.lit(POSTGRES_FOLD_TO)}) END) $$`.execute(db);
      await db.schema.createIndex('messages_search_position').on('messages').column('search_position').execute();
      await db.schema.createIndex('messages_room_search_position').on('messages').columns(['room_id', 'search_position']).execute();
    },
  };
}

/**
 * Every migration this version knows, by name (applied in name order). A new one is added as
 * `0002_…` and never edits an older one: databases in the field ran those already.
 *
 * @example
 * Object.keys(sqlMigrations('sqlite')); // ['0001_initial', '0002_webhooks']
 */
export function sqlMigrations(dialect: SqlDialectName): Record<string, Migration> {
  return { '0001_initial': initial(dialect), '0002_webhooks': webhooks(dialect), '0003_messages_author': messagesByAuthor(), '0004_extensions': extensions(dialect), '0005_search': search(dialect), '0006_search_newest': searchNewestFirst(dialect) };
}

/**
 * Brings a database up to this version's schema with Kysely's Migrator. A database that ran a
 * migration this version does not know was written by a newer confab-server: that is refused with
 * a ChatError `unavailable`, before anything is changed, rather than run on a schema we cannot read.
 * `where` names the database in error messages (a path, or a URL without its password).
 *
 * @example
 * await migrateSqlDatabase(db, 'sqlite', '/var/lib/confab/confab.db');
 */
export async function migrateSqlDatabase(db: Kysely<SqlDatabase>, dialect: SqlDialectName, where: string): Promise<void> {
  const migrations = sqlMigrations(dialect);
  const tables = await db.introspection.getTables();
  if (tables.some((table) => table.name === MIGRATION_TABLE)) {
    const ran = await db.withTables<{ [MIGRATION_TABLE]: { name: string } }>().selectFrom(MIGRATION_TABLE).select('name').execute();
    const unknown = ran.map((row) => String(row.name)).filter((name) => !Object.hasOwn(migrations, name));
    if (unknown.length > 0) throw newerSchemaError(where, unknown);
  } else {
    // Tables of ours that confab-server never recorded making: another program's database.
    const taken = tables.map((table) => table.name).filter((name) => OWN_TABLES.has(name));
    if (taken.length > 0) {
      throw new ChatError(
        'unavailable',
        `The database at ${where} is not a confab database: it already has tables named ${taken.sort().join(', ')} that confab-server did not make; give confab-server a database of its own.`,
      );
    }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChatError('unavailable', `The database at ${where} could not be brought up to date (${reason}); nothing was changed, restore a backup if it persists.`, {
      cause: error,
    });
  }
}

/**
 * The error for a database that a newer confab-server wrote.
 *
 * @example
 * throw newerSchemaError('/data/confab.db', ['0007_webhooks']);
 */
export function newerSchemaError(where: string, unknownMigrations: readonly string[]): ChatError {
  return new ChatError(
    'unavailable',
    `The database at ${where} was written by a newer confab-server (schema ${unknownMigrations.join(', ')}); upgrade confab-server or restore a backup.`,
  );
}
