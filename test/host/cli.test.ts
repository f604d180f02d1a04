import { resolve } from 'node:path';
import { parseCliOptions } from '../../src/host';

describe('confab-server options', () => {
  it('reads flags, with the environment as fallback and flags winning', () => {
    const options = parseCliOptions(['--port', '0', '--dev', '--origins', 'https://a.example, https://b.example', '--max-text-bytes', '2048', '--max-replay', '50'], {
      PORT: '9999',
      HOST: '0.0.0.0',
      CONFAB_SECRET: 'from-env',
    });
    expect(options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      secret: 'from-env',
      dev: true,
      allowedOrigins: ['https://a.example', 'https://b.example'],
      limits: { maxTextBytes: 2048, maxReplay: 50 },
    });
    expect(parseCliOptions([], {})).toEqual({ port: 8787, storage: { kind: 'sqlite', directory: resolve('confab-data') } });
    expect(parseCliOptions([], { CONFAB_ORIGINS: '*', PORT: '1234' })).toEqual({ port: 1234, allowedOrigins: '*', storage: { kind: 'sqlite', directory: resolve('confab-data') } });
  });

  it('keeps data in ./confab-data by default, in --data or CONFAB_DATA when given, or nowhere with --memory', () => {
    expect(parseCliOptions(['--data', '/srv/chat'], { CONFAB_DATA: '/elsewhere' }).storage).toEqual({ kind: 'sqlite', directory: '/srv/chat' });
    expect(parseCliOptions([], { CONFAB_DATA: '/elsewhere' }).storage).toEqual({ kind: 'sqlite', directory: '/elsewhere' });
    expect(parseCliOptions(['--memory'], {}).storage).toEqual({ kind: 'memory' });
    expect(() => parseCliOptions(['--memory', '--data', '/srv/chat'], {})).toThrow(/cannot be combined/);
  });

  it('reads webhooks from repeated --webhook flags or comma-separated CONFAB_WEBHOOKS, and needs their signing secret', () => {
    const secret = 'webhook-secret-0123456789';
    expect(parseCliOptions(['--webhook', 'https://a.example/hooks', '--webhook', 'http://127.0.0.1:9000/in', '--webhook-secret', secret], {}).webhooks).toEqual({
      urls: ['https://a.example/hooks', 'http://127.0.0.1:9000/in'],
      secret,
    });
    expect(parseCliOptions([], { CONFAB_WEBHOOKS: 'https://a.example/hooks, https://b.example/hooks', CONFAB_WEBHOOK_SECRET: secret }).webhooks).toEqual({
      urls: ['https://a.example/hooks', 'https://b.example/hooks'],
      secret,
    });
    expect(parseCliOptions([], {}).webhooks).toBeUndefined();
    expect(() => parseCliOptions(['--webhook', 'https://a.example/hooks'], {})).toThrow(/--webhook needs --webhook-secret/);
    expect(() => parseCliOptions(['--webhook', 'ftp://a.example', '--webhook-secret', secret], {})).toThrow('--webhook takes an http:// or https:// URL; got "ftp://a.example".');
  });

  it('keeps data in PostgreSQL with --postgres or CONFAB_POSTGRES_URL, uploads in the shared --data folder', () => {
    expect(parseCliOptions(['--postgres', 'postgres://confab:pw@db.internal/confab', '--data', '/shared'], {}).storage).toEqual({
      kind: 'postgres',
      url: 'postgres://confab:pw@db.internal/confab',
      uploads: '/shared/uploads',
    });
    expect(parseCliOptions([], { CONFAB_POSTGRES_URL: 'postgresql://db/confab' }).storage).toEqual({ kind: 'postgres', url: 'postgresql://db/confab', uploads: resolve('confab-data', 'uploads') });
    expect(() => parseCliOptions(['--memory', '--postgres', 'postgres://db/confab'], {})).toThrow(/cannot be combined/);
    const refused = (() => {
      try {
        parseCliOptions(['--postgres', 'mysql://root:hunter2@db/confab'], {});
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refused).toMatch(/--postgres takes a URL such as postgres:\/\//);
    expect(refused).not.toContain('hunter2');
  });

  it('reads the flood limit as "at once/per second" or off', () => {
    expect(parseCliOptions(['--flood-limit', '50/10'], {}).floodLimit).toEqual({ capacity: 50, refillPerSecond: 10 });
    // Link previews: on with the host's defaults unless told otherwise.
    expect(parseCliOptions([], {}).previews).toBeUndefined();
    expect(parseCliOptions(['--no-previews'], {}).previews).toBe(false);
    expect(parseCliOptions([], { CONFAB_PREVIEWS: 'off' }).previews).toBe(false);
    expect(parseCliOptions(['--preview-allow-hosts', 'wiki.intranet, 10.0.0.5', '--preview-allow-private', '--preview-timeout', '5000', '--preview-max-bytes', '65536'], {}).previews).toEqual({
      allowHosts: ['wiki.intranet', '10.0.0.5'],
      allowPrivateAddresses: true,
      timeoutMs: 5000,
      maxBytes: 65536,
    });
    expect(() => parseCliOptions(['--preview-timeout', '5'], {})).toThrow('--preview-timeout must be a whole number of at least 100; got "5".');
    expect(parseCliOptions([], { CONFAB_FLOOD_LIMIT: 'off' }).floodLimit).toBe(false);
    expect(() => parseCliOptions(['--flood-limit', 'lots'], {})).toThrow('--flood-limit takes "<at once>/<per second>" (such as 20/5) or "off"; got "lots".');
  });

  it('reads --crowd-size beside the member limit, at least 1', () => {
    expect(parseCliOptions(['--crowd-size', '50', '--max-members-per-room', '1000'], {})).toMatchObject({ crowdSize: 50, limits: { maxMembersPerRoom: 1000 } });
    expect(parseCliOptions([], {}).crowdSize).toBeUndefined();
    expect(() => parseCliOptions(['--crowd-size', '0'], {})).toThrow('--crowd-size must be a whole number of at least 1; got "0".');
  });

  it('reads --stream-idle in ms, at least 1000', () => {
    expect(parseCliOptions(['--stream-idle', '120000'], {}).streamIdleMs).toBe(120_000);
    expect(parseCliOptions([], {}).streamIdleMs).toBeUndefined();
    expect(() => parseCliOptions(['--stream-idle', '10'], {})).toThrow('--stream-idle must be a whole number of at least 1000; got "10".');
  });

  it('refuses bad values with a readable message', () => {
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow('--port must be a whole number of at least 0; got "abc".');
    expect(() => parseCliOptions(['--port', '70000'], {})).toThrow(/at most 65535/);
    expect(() => parseCliOptions(['--max-text-bytes', '-1'], {})).toThrow(/--max-text-bytes/);
    expect(() => parseCliOptions(['--nope'], {})).toThrow(/nope/);
  });
});
