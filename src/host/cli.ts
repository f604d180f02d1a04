/// <reference types="node" />
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../protocol';
import type { StorageEngine } from '../server';
import { createAdminClient } from '../admin';
import { createHost, type HostOptions } from './host';
import { createDiskFileStore } from './uploads';

const LIMIT_FLAGS: Record<string, keyof Limits> = {
  'max-members-per-room': 'maxMembersPerRoom',
  'max-text-bytes': 'maxTextBytes',
  'max-custom-data-bytes': 'maxCustomDataBytes',
  'max-replay': 'maxReplay',
  'max-members-per-request': 'maxMembersPerRequest',
  'max-room-name-length': 'maxRoomNameLength',
  'max-history-page': 'maxHistoryPage',
  'max-attachments': 'maxAttachments',
  'max-mentions': 'maxMentions',
};

const HELP = `confab-server: the Confab chat server (HTTP, WebSocket, admin API).

Usage: confab-server [options]                      run the server
       confab-server user add <id> --name <name>    create or update a person  ┐ through a running
       confab-server user get <id>                  show a person              │ server's admin API:
       confab-server token <user-id> [--ttl <s>]    print a client token       │ --url, --admin-key
       confab-server export [--room <id>|--user <id>]  NDJSON to stdout        │ (CONFAB_URL,
       confab-server import < dump.ndjson           into an empty server       ┘ CONFAB_ADMIN_KEY)

  --port <n>          PORT            port to listen on (default 8787; 0 picks one)
  --host <addr>       HOST            interface to bind (default 127.0.0.1)
  --secret <s>        CONFAB_SECRET   HS256 signing secret for tokens (required unless --dev)
  --admin-key <k>     CONFAB_ADMIN_KEY  key of the admin API at /admin/v1 (16+ characters; off
                                      without it). Make one with: openssl rand -hex 32
  --data <dir>        CONFAB_DATA     where to keep everything: a SQLite database and the
                                      uploaded files (default ./confab-data)
  --memory                            keep nothing: data lives in memory until the process ends
  --postgres <url>    CONFAB_POSTGRES_URL  keep data in PostgreSQL, shared by several hosts behind
                                      one address (uploaded files: in --data, a folder every host
                                      shares)
  --flood-limit <n>/<s> | off         writes one person may make at once / per second
                                      (default 20/5)
  --filter-words <list> CONFAB_FILTER_WORDS  comma-separated words refused in messages and room
                                      names (whole words, any case). Changed at run time with
                                      PUT /admin/v1/settings/moderation, which is kept
  --filter-action reject | mask       refuse a text with a filtered word (default) or mask it
                                      with asterisks
  --direct-messages anyone|shared-room  CONFAB_DIRECT_MESSAGES  who may start a direct
                                      conversation: anyone (default), or only people who
                                      share a room
  --invitations direct|accept  CONFAB_INVITATIONS  adding people to a room adds them (direct,
                                      the default) or invites them to accept or decline
  --origins <list>    CONFAB_ORIGINS  comma-separated browser origins allowed to connect, or *
  --webhook <url>     CONFAB_WEBHOOKS   POST every change to this URL, signed (repeatable; the
                                      variable is comma-separated). More through the admin API.
  --webhook-secret <s> CONFAB_WEBHOOK_SECRET  signing secret of the --webhook endpoints
                                      (required with them; 16+ characters)
                                      With --admin-key also: GET /metrics (Prometheus text,
                                      the admin key as bearer token) and GET /admin/v1/stats
  --no-previews        CONFAB_PREVIEWS=off  no link previews (on by default: the host fetches the
                                      first link of each message, public addresses only)
  --preview-allow-hosts <list>  CONFAB_PREVIEW_ALLOW_HOSTS  comma-separated host names previews
                                      may fetch whatever their address (an intranet wiki)
  --preview-allow-private             previews may fetch private addresses (an intranet chat)
  --preview-timeout <ms>              deadline of one page or image fetch (default 3000)
  --preview-max-bytes <n>             most of a page read for its preview (default 524288)
  --dev                               demo mode: seeded people and rooms, POST /dev/token
  --token-ttl <s>                     lifetime of dev tokens in seconds (default 3600)
  --max-frame-bytes <n>               largest WebSocket frame (default 65536)
  --presence-sweep <ms>               how often people left online by a host that died are
                                      marked offline (default 15000); abandoned streamed
                                      messages are ended with the same sweep
  --stream-idle <ms>                  a streamed message with no piece for this long is ended
                                      as stopped, its text kept (default 60000)
  --crowd-size <n>                    rooms with more members are crowds: members are sent on
                                      demand, not in every snapshot (default 100)
${Object.entries(LIMIT_FLAGS)
  .map(([flag, key]) => `  --${flag} <n>`.padEnd(38) + `limit ${key} (default ${DEFAULT_LIMITS[key]})`)
  .join('\n')}
  --help
`;

/**
 * Where the host keeps its data, as the command line chose it.
 *
 * @example
 * const choice: StorageChoice = { kind: 'sqlite', directory: '/var/lib/confab' };
 */
export type StorageChoice = { kind: 'sqlite'; directory: string } | { kind: 'postgres'; url: string; uploads: string } | { kind: 'memory' };

/**
 * Host options from the command line, with the storage to open before the host starts.
 *
 * @example
 * const options: CliOptions = parseCliOptions(['--data', '/var/lib/confab'], process.env);
 */
export interface CliOptions extends Omit<HostOptions, 'storage'> {
  help?: boolean;
  storage: StorageChoice;
}

/**
 * Opens the storage the command line chose, and the folder for uploaded files beside it.
 *
 * @example
 * const { storage, uploads } = await openStorage({ kind: 'sqlite', directory: './confab-data' });
 */
export async function openStorage(choice: StorageChoice): Promise<{ storage: StorageEngine | undefined; uploads: HostOptions['uploads']; describe: string }> {
  if (choice.kind === 'memory') return { storage: undefined, uploads: {}, describe: 'in memory (nothing is kept)' };
  if (choice.kind === 'postgres') {
    const { createPostgresStorage } = await import('./storage/postgres');
    const storage = await createPostgresStorage({ url: choice.url });
    const where = new URL(choice.url);
    where.password = '';
    return { storage, uploads: { store: createDiskFileStore(choice.uploads) }, describe: `in PostgreSQL at ${where.host}${where.pathname}, uploads in ${choice.uploads}` };
  }
  const { createSqliteStorage } = await import('./storage/sqlite');
  const storage = await createSqliteStorage({ directory: choice.directory });
  return { storage, uploads: { store: createDiskFileStore(join(choice.directory, 'uploads')) }, describe: `in ${choice.directory}` };
}

/** Link previews (#14) from the command line: on unless --no-previews (or CONFAB_PREVIEWS=off). */
function previewOptions(
  flags: Record<string, string | boolean | string[] | undefined>,
  text: (name: string, envName?: string) => string | undefined,
  whole: (name: string, value: string | undefined, min?: number) => number | undefined,
  env: Record<string, string | undefined>,
): HostOptions['previews'] {
  if (flags['no-previews'] === true || env.CONFAB_PREVIEWS === 'off') return false;
  const previews: Exclude<HostOptions['previews'], false | undefined> = {};
  const allowHosts = (text('preview-allow-hosts', 'CONFAB_PREVIEW_ALLOW_HOSTS') ?? '').split(',').map((host) => host.trim()).filter(Boolean);
  if (allowHosts.length > 0) previews.allowHosts = allowHosts;
  if (flags['preview-allow-private'] === true) previews.allowPrivateAddresses = true;
  const timeoutMs = whole('preview-timeout', text('preview-timeout'), 100);
  if (timeoutMs !== undefined) previews.timeoutMs = timeoutMs;
  const maxBytes = whole('preview-max-bytes', text('preview-max-bytes'), 1024);
  if (maxBytes !== undefined) previews.maxBytes = maxBytes;
  // Nothing said: the host's defaults.
  return Object.keys(previews).length > 0 ? previews : undefined;
}

/**
 * Reads command-line flags and environment into host options. Flags win over the environment.
 * Throws an Error with a readable message for a bad value.
 *
 * @example
 * const options = parseCliOptions(['--dev', '--port', '0'], {});
 */
export function parseCliOptions(argv: readonly string[], env: Record<string, string | undefined>): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      secret: { type: 'string' },
      origins: { type: 'string' },
      dev: { type: 'boolean' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      postgres: { type: 'string' },
      'flood-limit': { type: 'string' },
      'filter-words': { type: 'string' },
      'filter-action': { type: 'string' },
      'admin-key': { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'webhook-secret': { type: 'string' },
      'token-ttl': { type: 'string' },
      'max-frame-bytes': { type: 'string' },
      'direct-messages': { type: 'string' },
      invitations: { type: 'string' },
      'no-previews': { type: 'boolean' },
      'preview-allow-hosts': { type: 'string' },
      'preview-allow-private': { type: 'boolean' },
      'preview-timeout': { type: 'string' },
      'preview-max-bytes': { type: 'string' },
      'presence-sweep': { type: 'string' },
      'stream-idle': { type: 'string' },
      'crowd-size': { type: 'string' },
      help: { type: 'boolean' },
      ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  const text = (name: string, envName?: string) => {
    const flag = flags[name];
    return typeof flag === 'string' ? flag : envName ? env[envName] : undefined;
  };
  const whole = (name: string, value: string | undefined, min = 0): number | undefined => {
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}; got "${value}".`);
    return n;
  };

  const options: CliOptions = { storage: { kind: 'sqlite', directory: resolve('./confab-data') } };
  if (flags.help === true) options.help = true;
  const port = whole('port', text('port', 'PORT'));
  options.port = port ?? 8787;
  if (options.port > 65535) throw new Error(`--port must be at most 65535; got ${options.port}.`);
  const host = text('host', 'HOST');
  if (host) options.host = host;
  const secret = text('secret', 'CONFAB_SECRET');
  if (secret) options.secret = secret;
  const adminKey = text('admin-key', 'CONFAB_ADMIN_KEY');
  if (adminKey) {
    if (adminKey.length < 16) throw new Error('--admin-key must be at least 16 characters; make one with: openssl rand -hex 32');
    if (secret && adminKey === secret) throw new Error('--admin-key must differ from --secret: one signs tokens, the other opens the admin API.');
    options.adminKey = adminKey;
  }
  const origins = text('origins', 'CONFAB_ORIGINS');
  if (origins !== undefined && origins.trim() !== '') {
    options.allowedOrigins = origins.trim() === '*' ? '*' : origins.split(',').map((origin) => origin.trim()).filter(Boolean);
  }
  if (flags.dev === true || env.CONFAB_DEV === '1') options.dev = true;
  const flood = text('flood-limit', 'CONFAB_FLOOD_LIMIT');
  if (flood !== undefined && flood.trim() !== '') {
    const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(flood);
    if (flood.trim() === 'off') options.floodLimit = false;
    else if (match && Number(match[1]) >= 1 && Number(match[2]) > 0) options.floodLimit = { capacity: Number(match[1]), refillPerSecond: Number(match[2]) };
    else throw new Error(`--flood-limit takes "<at once>/<per second>" (such as 20/5) or "off"; got "${flood}".`);
  }
  const words = text('filter-words', 'CONFAB_FILTER_WORDS');
  const filterAction = text('filter-action', 'CONFAB_FILTER_ACTION');
  if (filterAction !== undefined && filterAction !== 'reject' && filterAction !== 'mask') throw new Error(`--filter-action is reject or mask; got "${filterAction}".`);
  if ((words !== undefined && words.trim() !== '') || filterAction !== undefined) {
    options.wordFilter = {
      words: (words ?? '').split(',').map((word) => word.trim()).filter(Boolean),
      ...(filterAction !== undefined ? { action: filterAction } : {}),
    };
  }
  const data = text('data', 'CONFAB_DATA');
  const postgres = text('postgres', 'CONFAB_POSTGRES_URL');
  if (flags.memory === true) {
    if (typeof flags.data === 'string') throw new Error('--memory keeps nothing, so it cannot be combined with --data.');
    if (typeof flags.postgres === 'string') throw new Error('--memory keeps nothing, so it cannot be combined with --postgres.');
    options.storage = { kind: 'memory' };
  } else if (postgres !== undefined && postgres.trim() !== '') {
    if (!/^postgres(ql)?:\/\//.test(postgres.trim())) throw new Error(`--postgres takes a URL such as postgres://user:password@db.internal/confab; got "${postgres.split('@').pop()}".`);
    options.storage = { kind: 'postgres', url: postgres.trim(), uploads: join(resolve(data?.trim() || './confab-data'), 'uploads') };
  } else if (data !== undefined && data.trim() !== '') {
    options.storage = { kind: 'sqlite', directory: resolve(data.trim()) };
  }
  const webhookFlags = flags.webhook;
  const webhookUrls = (Array.isArray(webhookFlags) ? webhookFlags : (env.CONFAB_WEBHOOKS ?? '').split(',')).map((url) => url.trim()).filter(Boolean);
  if (webhookUrls.length > 0) {
    for (const url of webhookUrls) {
      if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`--webhook takes an http:// or https:// URL; got "${url}".`);
    }
    const webhookSecret = text('webhook-secret', 'CONFAB_WEBHOOK_SECRET');
    if (!webhookSecret || webhookSecret.length < 16) {
      throw new Error('--webhook needs --webhook-secret (or CONFAB_WEBHOOK_SECRET) of at least 16 characters, to sign what it sends; make one with: openssl rand -hex 32');
    }
    options.webhooks = { urls: webhookUrls, secret: webhookSecret };
  }
  const directMessages = text('direct-messages', 'CONFAB_DIRECT_MESSAGES')?.trim();
  if (directMessages !== undefined && directMessages !== '') {
    if (directMessages !== 'anyone' && directMessages !== 'shared-room') throw new Error(`--direct-messages takes "anyone" or "shared-room"; got "${directMessages}".`);
    options.directMessages = directMessages;
  }
  const invitations = text('invitations', 'CONFAB_INVITATIONS')?.trim();
  if (invitations !== undefined && invitations !== '') {
    if (invitations !== 'direct' && invitations !== 'accept') throw new Error(`--invitations takes "direct" or "accept"; got "${invitations}".`);
    options.invitations = invitations;
  }
  const ttl = whole('token-ttl', text('token-ttl'), 1);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  const frame = whole('max-frame-bytes', text('max-frame-bytes'), 1024);
  if (frame !== undefined) options.maxFrameBytes = frame;
  const previews = previewOptions(flags, text, whole, env);
  if (previews !== undefined) options.previews = previews;
  const sweep = whole('presence-sweep', text('presence-sweep'), 100);
  if (sweep !== undefined) options.presenceSweepMs = sweep;
  const streamIdle = whole('stream-idle', text('stream-idle'), 1000);
  if (streamIdle !== undefined) options.streamIdleMs = streamIdle;
  const crowd = whole('crowd-size', text('crowd-size'), 1);
  if (crowd !== undefined) options.crowdSize = crowd;
  const limits: Partial<Limits> = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const value = whole(flag, text(flag));
    if (value !== undefined) limits[key] = value;
  }
  if (Object.keys(limits).length > 0) options.limits = limits;
  return options;
}

/**
 * Runs the host as a command: parses flags and environment, listens, and shuts down gracefully on
 * SIGINT/SIGTERM. Resolves with the exit code once it has stopped (or could not start).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.env);
 */
export async function runCli(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv[0] === 'user' || argv[0] === 'token' || argv[0] === 'export' || argv[0] === 'import') return runOperatorCommand(argv, env);
  let options: ReturnType<typeof parseCliOptions>;
  try {
    options = parseCliOptions(argv, env);
  } catch (error) {
    console.error(`confab-server: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  if (!options.secret && !options.dev) {
    console.error('confab-server: a signing secret is required: pass --secret or set CONFAB_SECRET (or use --dev for a demo).');
    return 2;
  }
  let host: ReturnType<typeof createHost>;
  let address: { port: number; url: string };
  let opened: Awaited<ReturnType<typeof openStorage>> | undefined;
  try {
    const { help: _help, storage: choice, ...hostOptions } = options;
    opened = await openStorage(choice);
    host = createHost({ ...hostOptions, ...(opened.storage ? { storage: opened.storage } : {}), uploads: opened.uploads ?? {} });
    address = await host.listen();
  } catch (error) {
    await closeQuietly(opened?.storage);
    console.error(`confab-server: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log(`confab-server listening on ${address.url}, keeping data ${opened.describe}${options.dev ? ' (dev mode: POST /dev/token {"userId":"ana"})' : ''}`);
  if (!options.adminKey && !options.dev) console.log('confab-server: the admin API is off; pass --admin-key (or CONFAB_ADMIN_KEY) to create people and tokens.');
  const storage = opened.storage;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`confab-server: ${signal}, shutting down…`);
      host.close().then(
        async () => {
          await closeQuietly(storage);
          resolve(0);
        },
        (error: unknown) => {
          console.error('confab-server: shutdown failed:', error);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * The operator's subcommands (`user add`, `user get`, `token`): a client of a running server's
 * admin API, so they work while the server holds its database. Prints JSON (or the bare token).
 */
async function runOperatorCommand(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: { name: { type: 'string' }; ttl: { type: 'string' }; url: { type: 'string' }; 'admin-key': { type: 'string' }; room: { type: 'string' }; user: { type: 'string' } } }>>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { name: { type: 'string' }, ttl: { type: 'string' }, url: { type: 'string' }, 'admin-key': { type: 'string' }, room: { type: 'string' }, user: { type: 'string' } },
    });
  } catch (error) {
    console.error(`confab-server: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const adminKey = values['admin-key'] ?? env.CONFAB_ADMIN_KEY;
  const url = values.url ?? env.CONFAB_URL ?? 'http://127.0.0.1:8787';
  if (!adminKey) {
    console.error('confab-server: pass --admin-key or set CONFAB_ADMIN_KEY (the key the server was started with).');
    return 2;
  }
  const admin = createAdminClient({ url, adminKey });
  const [command, verb, id] = positionals;
  try {
    if (command === 'user' && verb === 'add' && id) {
      if (!values.name) throw new Error('user add needs --name <name>.');
      console.log(JSON.stringify(await admin.upsertUser(id, { name: values.name })));
    } else if (command === 'user' && verb === 'get' && id) {
      console.log(JSON.stringify(await admin.getUser(id)));
    } else if (command === 'token' && verb) {
      const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
      if (ttl !== undefined && !Number.isInteger(ttl)) throw new Error(`--ttl must be a whole number of seconds; got "${values.ttl}".`);
      console.log((await admin.createToken(verb, ttl === undefined ? {} : { ttlSeconds: ttl })).token);
    } else if (command === 'export' && !verb) {
      if (values.room !== undefined && values.user !== undefined) throw new Error('export takes --room or --user, not both.');
      for await (const line of admin.exportData({ ...(values.room !== undefined ? { roomId: values.room } : {}), ...(values.user !== undefined ? { userId: values.user } : {}) })) {
        if (!process.stdout.write(`${line}\n`)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
      }
    } else if (command === 'import' && !verb) {
      if (process.stdin.isTTY) throw new Error('import reads an export from its standard input: confab-server import < dump.ndjson');
      console.log(JSON.stringify(await admin.importData(process.stdin as AsyncIterable<Uint8Array>)));
    } else {
      console.error(`confab-server: unknown command "${positionals.join(' ')}".\n\n${HELP}`);
      return 2;
    }
    return 0;
  } catch (error) {
    console.error(`confab-server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function closeQuietly(storage: StorageEngine | undefined): Promise<void> {
  try {
    await storage?.close();
  } catch (error) {
    console.error('confab-server: closing the storage failed:', error);
  }
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runCli(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
