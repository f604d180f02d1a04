import { spawn, type ChildProcess } from 'node:child_process';
import { rawClient, type RawClient } from '../transports/wsHelpers';

/**
 * A `confab-server` started as a person runs it, in a child process of its own (from the sources,
 * through tsx), with the addresses it printed.
 *
 * @example
 * const server = await startConfabServer(['--dev', '--data', folder]);
 */
export interface RunningConfabServer {
  child: ChildProcess;
  /** The WebSocket address it listens on (`ws://127.0.0.1:<port>/ws`). */
  ws: string;
  /** Its HTTP origin (`http://127.0.0.1:<port>`). */
  http: string;
}

const running = new Set<ChildProcess>();

/**
 * Starts `confab-server` with these arguments (always on 127.0.0.1 and a free port) and waits for
 * its "listening on" line; fails with everything it printed if it exits or stays silent.
 *
 * @example
 * const server = await startConfabServer(['--dev', '--postgres', url, '--flood-limit', 'off']);
 */
export async function startConfabServer(args: readonly string[], timeoutMs = 60_000): Promise<RunningConfabServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/host/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const ws = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`confab-server did not start:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (ws:\/\/\S+?),? /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`confab-server exited with ${code}:\n${output}`)));
  });
  return { child, ws, http: ws.replace(/^ws/, 'http').replace(/\/ws$/, '') };
}

/**
 * Stops a server with a signal and waits for it to exit (nothing to do if it has).
 *
 * @example
 * await stopConfabServer(server, 'SIGKILL');
 */
export async function stopConfabServer(server: RunningConfabServer, signal: NodeJS.Signals): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/**
 * Stops every server this module started that is still running (for `afterAll`).
 *
 * @example
 * afterAll(() => stopAllConfabServers());
 */
export async function stopAllConfabServers(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await Promise.all([...running].map((child) => stopConfabServer({ child, ws: '', http: '' }, signal)));
}

/**
 * A raw WebSocket client of a `--dev` server, signed in as the person through `/dev/token`, once
 * its session opened.
 *
 * @example
 * const ana = await connectDevClient(server, 'ana');
 */
export async function connectDevClient(server: RunningConfabServer, userId: string, timeoutMs = 15_000): Promise<RawClient> {
  const answer = await fetch(`${server.http}/dev/token`, { method: 'POST', body: JSON.stringify({ userId }) });
  const { token } = (await answer.json()) as { token: string };
  const client = rawClient(server.ws, { token });
  await client.next((frame) => frame.kind === 'session', timeoutMs);
  return client;
}
