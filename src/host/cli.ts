/// <reference types="node" />
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type Limits } from '../protocol';
import { createHost, type HostOptions } from './host';

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

const HELP = `confab-server: the Confab reference server behind a WebSocket.

Usage: confab-server [options]

  --port <n>          PORT            port to listen on (default 8787; 0 picks one)
  --host <addr>       HOST            interface to bind (default 127.0.0.1)
  --secret <s>        CONFAB_SECRET   HS256 signing secret for tokens (required unless --dev)
  --origins <list>    CONFAB_ORIGINS  comma-separated browser origins allowed to connect, or *
  --dev                               demo mode: seeded people and rooms, POST /dev/token
  --token-ttl <s>                     lifetime of dev tokens in seconds (default 3600)
  --max-frame-bytes <n>               largest WebSocket frame (default 65536)
${Object.entries(LIMIT_FLAGS)
  .map(([flag, key]) => `  --${flag} <n>`.padEnd(38) + `limit ${key} (default ${DEFAULT_LIMITS[key]})`)
  .join('\n')}
  --help
`;

/**
 * Reads command-line flags and environment into host options. Flags win over the environment.
 * Throws an Error with a readable message for a bad value.
 *
 * @example
 * const options = parseCliOptions(['--dev', '--port', '0'], {});
 */
export function parseCliOptions(argv: readonly string[], env: Record<string, string | undefined>): HostOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      secret: { type: 'string' },
      origins: { type: 'string' },
      dev: { type: 'boolean' },
      'token-ttl': { type: 'string' },
      'max-frame-bytes': { type: 'string' },
      help: { type: 'boolean' },
      ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  const flags = values as Record<string, string | boolean | undefined>;
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

  const options: HostOptions & { help?: boolean } = {};
  if (flags.help === true) options.help = true;
  const port = whole('port', text('port', 'PORT'));
  options.port = port ?? 8787;
  if (options.port > 65535) throw new Error(`--port must be at most 65535; got ${options.port}.`);
  const host = text('host', 'HOST');
  if (host) options.host = host;
  const secret = text('secret', 'CONFAB_SECRET');
  if (secret) options.secret = secret;
  const origins = text('origins', 'CONFAB_ORIGINS');
  if (origins !== undefined && origins.trim() !== '') {
    options.allowedOrigins = origins.trim() === '*' ? '*' : origins.split(',').map((origin) => origin.trim()).filter(Boolean);
  }
  if (flags.dev === true || env.CONFAB_DEV === '1') options.dev = true;
  const ttl = whole('token-ttl', text('token-ttl'), 1);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  const frame = whole('max-frame-bytes', text('max-frame-bytes'), 1024);
  if (frame !== undefined) options.maxFrameBytes = frame;
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
  try {
    const { help: _help, ...hostOptions } = options;
    host = createHost(hostOptions);
    address = await host.listen();
  } catch (error) {
    console.error(`confab-server: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log(`confab-server listening on ${address.url}${options.dev ? ' (dev mode: POST /dev/token {"userId":"ana"})' : ''}`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`confab-server: ${signal}, shutting down…`);
      host.close().then(
        () => resolve(0),
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

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runCli(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
