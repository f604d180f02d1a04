/**
 * `npm run bench:server`: the Node host against a bare `ws` broadcast server, on loopback.
 *
 * One room of CLIENTS WebSocket clients; SENDERS of them send MESSAGES messages in all. Each
 * message carries its send time (epoch ms, sub-ms precision); every client measures delivery
 * latency when the message arrives. Delivered messages per second = messages × receivers / time
 * from the first send to the last delivery.
 *
 * The bare server is one WebSocketServer that re-broadcasts each frame it receives, byte for byte,
 * to every client. Its senders send a frame shaped exactly like the host's `message.created`
 * event, so receivers parse the same bytes in both runs and the difference is the host's path:
 * parsing and validating the command, the reference server, a copy and a JSON serialization per
 * recipient, the socket writes.
 *
 * Clients run in worker threads, so their parsing does not share the event loop with the server
 * under test (which runs in the main thread, alone). Two phases per server: a burst (every sender
 * sends its share of MESSAGES at once: throughput, and latency under saturation) and a paced run
 * (PACED messages, one every PACE_MS: latency under a light load). Bounded: a phase that does not
 * finish in 90 s fails, and the whole run stops after TIMEOUT_S.
 *
 * Environment: CLIENTS (1000), SENDERS (10), MESSAGES (200), PACED (20), PACE_MS (200),
 * WORKERS (2), TIMEOUT_S (240), ONLY (host | bare: run one side, for profiling).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const SENDERS = Number(process.env.SENDERS ?? 10);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const WORKERS = Number(process.env.WORKERS ?? 2);
const PACED = Number(process.env.PACED ?? 20);
const PACE_MS = Number(process.env.PACE_MS ?? 200);
const PHASE_TIMEOUT_MS = 90_000;
const TOTAL_TIMEOUT_MS = Number(process.env.TIMEOUT_S ?? 240) * 1000;
const ROOM = 'bench';
const GOAL = 0.8;

/** Wall-clock ms with sub-ms precision, comparable across worker threads. */
const clock = () => performance.timeOrigin + performance.now();

type Mode = 'host' | 'bare';

/** Parent → worker. */
type Command =
  | { type: 'connect'; urls: string[] }
  | { type: 'run'; mode: Mode; senders: number; perSender: number; expected: number; paceMs: number; tag: string }
  | { type: 'close' };

/** Worker → parent. */
type Report =
  | { type: 'ready' }
  | { type: 'done'; latencies: Float64Array; firstSend: number; lastReceive: number; frames: number; frameBytes: number }
  | { type: 'error'; message: string };

// ---- worker: a share of the clients ------------------------------------------------------------

interface Run {
  tag: string;
  expected: number;
  received: number[];
  latencies: Float64Array;
  count: number;
  lastReceive: number;
  frames: number;
  frameBytes: number;
  done: boolean;
}

function worker(): void {
  const port = parentPort!;
  const { index } = workerData as { index: number };
  let sockets: WebSocket[] = [];
  let run: Run | null = null;
  let sequence = 0;

  const post = (report: Report, transfer: ArrayBuffer[] = []) => port.postMessage(report, transfer);

  function onFrame(socketIndex: number, data: RawData): void {
    const current = run;
    if (!current) return;
    const text = data.toString();
    current.frames++;
    current.frameBytes += text.length;
    const frame = JSON.parse(text) as { kind: string; event?: { type: string; message?: { text: string } } };
    if (frame.kind !== 'event' || frame.event?.type !== 'message.created') return;
    const body = frame.event.message!.text;
    // "<tag> <sent at>": messages of an earlier phase (late arrivals) are not counted.
    const space = body.indexOf(' ');
    if (body.slice(0, space) !== current.tag) return;
    const now = clock();
    current.latencies[current.count++] = now - Number(body.slice(space + 1));
    current.lastReceive = now;
    current.received[socketIndex]!++;
    if (!current.done && current.count === current.expected * sockets.length) {
      current.done = true;
      const latencies = current.latencies.slice(0, current.count);
      post({ type: 'done', latencies, firstSend: firstSend, lastReceive: current.lastReceive, frames: current.frames, frameBytes: current.frameBytes }, [latencies.buffer as ArrayBuffer]);
    }
  }

  let firstSend = Infinity;

  function frameFor(mode: Mode, sender: number, tag: string): string {
    const sentAt = clock();
    if (sentAt < firstSend) firstSend = sentAt;
    const clientId = `w${index}s${sender}m${++sequence}`;
    const text = `${tag} ${sentAt}`;
    if (mode === 'host') return JSON.stringify({ kind: 'request', id: `r${sequence}`, command: { type: 'message.send', roomId: ROOM, clientId, text } });
    // What the host would broadcast for this message, so receivers parse the same bytes.
    return JSON.stringify({
      kind: 'event',
      event: {
        type: 'message.created',
        message: {
          id: `msg_${sequence}`,
          clientId,
          roomId: ROOM,
          sequence,
          authorId: `u${index}_${sender}`,
          text,
          attachments: [],
          mentions: [],
          reactions: [],
          replyCount: 0,
          createdAt: Math.floor(sentAt),
        },
      },
    });
  }

  port.on('message', (command: Command) => {
    if (command.type === 'connect') {
      let open = 0;
      sockets = command.urls.map((url, socketIndex) => {
        const socket = new WebSocket(url, { perMessageDeflate: false });
        let first = true;
        socket.on('message', (data) => {
          if (first) {
            first = false; // the session snapshot (host) or hello (bare)
            if (++open === command.urls.length) post({ type: 'ready' });
            return;
          }
          onFrame(socketIndex, data);
        });
        socket.on('error', (error) => post({ type: 'error', message: `socket ${socketIndex}: ${error.message}` }));
        socket.on('close', (code, reason) => {
          if (run && !run.done) post({ type: 'error', message: `socket ${socketIndex} closed ${code} ${reason.toString()}` });
        });
        return socket;
      });
      return;
    }
    if (command.type === 'run') {
      firstSend = Infinity;
      run = {
        tag: command.tag,
        expected: command.expected,
        received: sockets.map(() => 0),
        latencies: new Float64Array(command.expected * sockets.length),
        count: 0,
        lastReceive: 0,
        frames: 0,
        frameBytes: 0,
        done: false,
      };
      if (command.expected === 0) post({ type: 'done', latencies: new Float64Array(0), firstSend: Infinity, lastReceive: 0, frames: 0, frameBytes: 0 });
      const senders = sockets.slice(0, command.senders);
      if (senders.length === 0) return;
      if (command.paceMs === 0) {
        for (let m = 0; m < command.perSender; m++) senders.forEach((socket, s) => socket.send(frameFor(command.mode, s, command.tag)));
      } else {
        // Round robin over our senders, one message every paceMs.
        let sent = 0;
        const total = command.perSender * senders.length;
        const timer = setInterval(() => {
          const s = sent % senders.length;
          senders[s]!.send(frameFor(command.mode, s, command.tag));
          if (++sent >= total) clearInterval(timer);
        }, command.paceMs);
      }
      return;
    }
    for (const socket of sockets) socket.terminate();
    sockets = [];
    port.close();
  });
}

// ---- main: the servers under test, the workers, the table -------------------------------------

interface PhaseResult {
  server: Mode;
  phase: 'burst' | 'paced';
  messages: number;
  deliveries: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  avgFrameBytes: number;
  framesPerDelivery: number;
}

class Pool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<Worker, (report: Report) => void>();

  constructor(count: number) {
    this.workers = Array.from({ length: count }, (_, index) => {
      // tsx's loader hooks (from --import tsx) do not reach worker threads on Node 20: register them in the worker first.
      const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const worker = new Worker(boot, { eval: true, workerData: { index } });
      worker.on('message', (report: Report) => {
        if (report.type === 'error') {
          console.error(`worker ${index}: ${report.message}`);
          return;
        }
        const resolve = this.waiting.get(worker);
        this.waiting.delete(worker);
        resolve?.(report);
      });
      worker.on('error', (error) => {
        console.error(`worker ${index} failed:`, error);
        process.exit(1);
      });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends each worker its command and waits for every answer. */
  all(commands: (index: number) => Command, timeoutMs: number, what: string): Promise<Report[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
      Promise.all(
        this.workers.map(
          (worker, index) =>
            new Promise<Report>((done) => {
              this.waiting.set(worker, done);
              worker.postMessage(commands(index));
            }),
        ),
      ).then((reports) => {
        clearTimeout(timer);
        resolve(reports);
      }, reject);
    });
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.postMessage({ type: 'close' } satisfies Command);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Splits `total` into `parts` nearly equal integers. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function phase(pool: Pool, server: Mode, kind: 'burst' | 'paced', tag: string, messages: number): Promise<PhaseResult> {
  const clientsPer = split(CLIENTS, pool.size);
  // Senders spread evenly over the workers (a multiple of their number), so that paced sends interleave.
  const senders = Math.max(pool.size, Math.floor(Math.min(SENDERS, messages) / pool.size) * pool.size);
  const sendersPer = split(senders, pool.size);
  const perSender = Math.max(1, Math.floor(messages / senders));
  const sent = perSender * senders;
  // Paced: the room gets one message every PACE_MS, from the workers' senders in turn.
  const paceMs = kind === 'burst' ? 0 : PACE_MS * pool.size;
  const reports = (await pool.all(
    (index) => ({ type: 'run', mode: server, senders: sendersPer[index]!, perSender, expected: clientsPer[index]! > 0 ? sent : 0, paceMs, tag }),
    PHASE_TIMEOUT_MS,
    `${server} ${kind}`,
  )) as Array<Extract<Report, { type: 'done' }>>;
  const all = new Float64Array(reports.reduce((sum, report) => sum + report.latencies.length, 0));
  let offset = 0;
  for (const report of reports) {
    all.set(report.latencies, offset);
    offset += report.latencies.length;
  }
  all.sort();
  const start = Math.min(...reports.map((report) => report.firstSend));
  const end = Math.max(...reports.map((report) => report.lastReceive));
  const seconds = (end - start) / 1000;
  const frames = reports.reduce((sum, report) => sum + report.frames, 0);
  const bytes = reports.reduce((sum, report) => sum + report.frameBytes, 0);
  return {
    server,
    phase: kind,
    messages: sent,
    deliveries: all.length,
    seconds,
    perSecond: all.length / seconds,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all[all.length - 1] ?? NaN,
    avgFrameBytes: bytes / Math.max(1, frames),
    framesPerDelivery: frames / Math.max(1, all.length),
  };
}

async function benchHost(): Promise<PhaseResult[]> {
  const { createHost } = await import('../src/host');
  const { createReferenceServer } = await import('../src/server');
  // The room holds everyone; the flood limit is off because the senders are a bench, not people.
  const server = createReferenceServer({ floodLimit: false, limits: { maxMembersPerRoom: CLIENTS + 10 } });
  let stopping = false;
  const host = createHost({
    port: 0,
    secret: 'bench-secret-bench-secret-bench-secret',
    server,
    uploads: false,
    heartbeatIntervalMs: 60_000,
    // Writes to clients that the teardown already cut are expected then.
    onError: (error) => {
      const code = (error as { code?: string }).code;
      if (!stopping && code !== 'EPIPE' && code !== 'ECONNRESET') console.error(error);
    },
  });
  const ids = Array.from({ length: CLIENTS }, (_, index) => `u${index}`);
  for (const id of ids) server.upsertUser({ id, name: id });
  server.createRoom({ id: ROOM, name: ROOM, kind: 'public', createdBy: ids[0]! });
  for (const id of ids.slice(1)) {
    const joined = server.actAs(id, { type: 'room.join', roomId: ROOM });
    if (!joined.ok) throw joined.error;
  }
  // What every connecting member is sent first: today the whole room's members and their profiles.
  const probe = server.connect(ids[1]!, () => {});
  const snapshotBytes = Buffer.byteLength(JSON.stringify({ kind: 'session', snapshot: probe.snapshot() }));
  probe.close();
  console.log(`host: session snapshot of one member of a ${CLIENTS}-member room: ${(snapshotBytes / 1024).toFixed(1)} KB of JSON (${(snapshotBytes / CLIENTS).toFixed(0)} bytes per member)`);
  const { url } = await host.listen();
  const urls = await Promise.all(ids.map(async (id) => `${url}?token=${await host.signToken(id, 600)}`));
  return run('host', urls, () => {
    stopping = true;
    return host.close();
  });
}

async function benchBare(): Promise<PhaseResult[]> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 64 * 1024 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket) => {
    socket.send('{"kind":"hello"}');
    socket.on('message', (data: RawData, isBinary) => {
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
  });
  const { port } = wss.address() as { port: number };
  const urls = Array.from({ length: CLIENTS }, () => `ws://127.0.0.1:${port}/`);
  return run('bare', urls, async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}

async function run(mode: Mode, urls: string[], stop: () => Promise<void>): Promise<PhaseResult[]> {
  const pool = new Pool(WORKERS);
  try {
    const shares = split(urls.length, pool.size);
    const connected = clock();
    await pool.all((index) => ({ type: 'connect', urls: urls.slice(shares.slice(0, index).reduce((a, b) => a + b, 0)).slice(0, shares[index]) }), 120_000, `${mode} connect`);
    console.log(`${mode}: ${urls.length} clients connected in ${((clock() - connected) / 1000).toFixed(2)} s`);
    // Let the connection storm (presence events on the host) settle, and warm up the JIT.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await phase(pool, mode, 'burst', `warm-${mode}`, SENDERS * 2);
    const burst = await phase(pool, mode, 'burst', `burst-${mode}`, MESSAGES);
    console.log(`${mode}: burst done in ${burst.seconds.toFixed(2)} s`);
    const paced = await phase(pool, mode, 'paced', `paced-${mode}`, PACED);
    console.log(`${mode}: paced done in ${paced.seconds.toFixed(2)} s`);
    return [burst, paced];
  } finally {
    await pool.close();
    await stop();
  }
}

function table(rows: PhaseResult[]): void {
  const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  console.table(
    rows.map((row) => ({
      server: row.server,
      phase: row.phase,
      messages: row.messages,
      deliveries: row.deliveries,
      seconds: fixed(row.seconds, 2),
      'delivered/s': Math.round(row.perSecond),
      'p50 ms': fixed(row.p50),
      'p99 ms': fixed(row.p99),
      'max ms': fixed(row.max),
      'bytes/frame': Math.round(row.avgFrameBytes),
      'frames/delivery': fixed(row.framesPerDelivery, 2),
    })),
  );
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench:server did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`);
    process.exit(1);
  }, TOTAL_TIMEOUT_MS);
  deadline.unref();
  console.log(`bench:server — ${CLIENTS} clients in one room, ${SENDERS} senders, ${MESSAGES} messages, ${WORKERS} client worker threads, Node ${process.version}`);
  if (process.env.ONLY === 'host' || process.env.ONLY === 'bare') {
    // For profiling one side: ONLY=host node --cpu-prof --import tsx bench/server.bench.ts
    table(process.env.ONLY === 'host' ? await benchHost() : await benchBare());
    process.exit(0);
  }
  const host = await benchHost();
  const bare = await benchBare();
  table([...host, ...bare]);
  const [hostBurst, hostPaced] = host as [PhaseResult, PhaseResult];
  const [bareBurst, barePaced] = bare as [PhaseResult, PhaseResult];
  const ratio = hostBurst.perSecond / bareBurst.perSecond;
  console.log(`throughput, host / bare (burst): ${ratio.toFixed(2)}  (goal ≥ ${GOAL}) ${ratio >= GOAL ? 'met' : 'NOT met'}`);
  console.log(`p50 latency, host / bare (paced): ${(hostPaced.p50 / barePaced.p50).toFixed(2)}×; p99: ${(hostPaced.p99 / barePaced.p99).toFixed(2)}×`);
  process.exit(0);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  worker();
}
