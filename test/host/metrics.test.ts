import { rawClient, startHost, type RawClient } from '../transports/wsHelpers';

const ADMIN_KEY = 'admin-key-for-metrics-tests';

let running: Awaited<ReturnType<typeof startHost>> | null = null;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await running?.host.close();
  running = null;
});

/** Prometheus text exposition: `# HELP`/`# TYPE` lines and `name{labels} value` samples, nothing else. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|\+Inf|-Inf))$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    samples.set(match[1] as string, Number(match[2]));
  }
  return samples;
}

describe('GET /metrics', () => {
  it('is Prometheus text that counts connections, commands by type and outcome, send latency and the webhook queue', async () => {
    running = await startHost({ adminKey: ADMIN_KEY });
    const { url, host, port } = running;
    const ana = rawClient(url, { token: await host.signToken('ana') });
    clients.push(ana);
    await ana.next((frame) => frame.kind === 'session');
    expect(await ana.request('s1', { type: 'message.send', roomId: 'general', clientId: 'c1', text: 'counted' })).toMatchObject({ ok: true });
    expect(await ana.request('s2', { type: 'message.send', roomId: 'nowhere', clientId: 'c2', text: 'refused' })).toMatchObject({ ok: false });

    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const samples = parseMetrics(await response.text());
    expect(samples.get('confab_connections')).toBe(1);
    expect(samples.get('confab_commands_total{type="message.send",outcome="ok"}')).toBe(1);
    expect([...samples.keys()].find((key) => key.startsWith('confab_commands_total{type="message.send",outcome="') && !key.includes('"ok"'))).toBeDefined();
    expect(samples.get('confab_send_duration_seconds_count')).toBe(2);
    expect(samples.get('confab_send_duration_seconds_bucket{le="+Inf"}')).toBe(2);
    expect(samples.get('confab_webhook_queue_depth')).toBe(0);
  });

  it('answers only the admin key, and never a browser', async () => {
    running = await startHost({ adminKey: ADMIN_KEY });
    const base = `http://127.0.0.1:${running.port}/metrics`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { authorization: 'Bearer not-the-admin-key-at-all' } })).status).toBe(401);
    expect((await fetch(base, { headers: { authorization: `Bearer ${ADMIN_KEY}`, origin: 'http://localhost:5173' } })).status).toBe(403);
  });

  it('is not served without an admin key', async () => {
    running = await startHost();
    expect((await fetch(`http://127.0.0.1:${running.port}/metrics`)).status).toBe(404);
  });
});
