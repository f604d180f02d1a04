// The host guide (docs/getting-started/host.md) run as written: its command lines parse into the
// options it promises, and its server.ts starts a host that a client signed in with its token.ts
// can send in.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { createChatClient } from '../../src/core';
import { parseCliOptions } from '../../src/host';
import { createWebSocketTransport } from '../../src/transports/websocket';

const root = resolve(import.meta.dirname, '../..');
const page = readFileSync(join(root, 'docs/getting-started/host.md'), 'utf8');
const shellLines = [...page.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap(([, code]) => (code as string).split('\n'));

describe('Running the host (host.md)', () => {
  it('every confab-server command line parses into the options it promises', () => {
    const lines = shellLines.filter((line) => line.includes('confab-server'));
    expect(lines).toHaveLength(2);
    const parsed = lines.map((line) => {
      const words = line.replace(/"\$\(.*?\)"/g, 'generated-secret').split(/\s+/).filter(Boolean);
      const at = words.indexOf('confab-server');
      const env = Object.fromEntries(words.slice(0, at).filter((word) => word.includes('=')).map((word) => word.split('=') as [string, string]));
      return parseCliOptions(words.slice(at + 1), env);
    });
    expect(parsed[0]).toMatchObject({ dev: true, port: 8787 });
    expect(parsed[1]).toMatchObject({ secret: 'generated-secret', host: '0.0.0.0', port: 8787, allowedOrigins: ['https://app.example.com'] });
  });

  it('server.ts runs, and a client signed in with token.ts sends in its room', async () => {
    const secret = 'guide-secret-of-some-length';
    vi.stubEnv('CONFAB_SECRET', secret);
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/docs/snippets/host/server.ts')], { cwd: root, env: { ...process.env, PORT: '0', CONFAB_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((done, fail) => {
        let output = '';
        child?.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /chat on (ws:\/\/\S+)/.exec(output)?.[1];
          if (found) done(found);
        });
        child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child?.on('exit', (code) => fail(new Error(`server.ts exited (${code}): ${output}`)));
      });
      const { chatToken } = await import('./snippets/host/token');
      const client = createChatClient({ transport: createWebSocketTransport({ url, WebSocket, tokenProvider: () => chatToken('bo') }) });
      await client.connect();
      const sent = await client.sendMessage('support', { text: 'Hello from the guide' });
      expect(sent).toMatchObject({ roomId: 'support', authorId: 'bo', sequence: 1 });
      client.close();
    } finally {
      child?.kill('SIGTERM');
      vi.unstubAllEnvs();
    }
  });
});

